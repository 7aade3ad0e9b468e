package io.insurecrm.metrics;

import io.insurecrm.platform.web.FieldRuleViolation;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A request for the pseudonymised customer list: filters on published values only (a region that was generalised
 * away is not matched by a region filter), a sort on bands (never on exact amounts, which would rank customers more
 * finely than the bands they are shown in), a page.
 *
 * @param segment a current segment as DIMENSION:SEGMENT, e.g. VALUE:HIGH
 * @param tag a current tag, e.g. HIGH_VALUE
 * @param region a region (province) code, two digits
 * @param branch a branch id
 * @param channel the acquisition channel (of the customer's first policy)
 * @param ageBand a ten-year band as shown, e.g. 30-39 or 90+
 */
public record AnalystCustomerQuery(String segment, String tag, String region, Long branch, String channel, String ageBand,
                                   Sort sort, boolean descending, int page, int size) {

    private static final Pattern SEGMENT = Pattern.compile("([A-Z_]{1,20}):([A-Z0-9_]{1,40})");

    /** What the list may be sorted by: a keyed order (the default, follows neither ids nor registration order) or a band. */
    public enum Sort {
        KEYED("keyed"), AGE("age"), REGION("region"), POLICIES("policies"), PREMIUM("premium"), CLAIMS("claims"),
        TENURE("tenure");

        private final String parameter;

        Sort(String parameter) {
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }

        static Sort of(String value) {
            if (value == null || value.isBlank()) {
                return KEYED;
            }
            String wanted = value.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(s -> s.parameter.equals(wanted)).findFirst()
                    .orElseThrow(() -> new FieldRuleViolation("sort", "analytics.sort.unknown", value, parameters()));
        }

        public static String parameters() {
            return String.join("|", Arrays.stream(values()).map(Sort::parameter).toList());
        }
    }

    public AnalystCustomerQuery {
        segment = blankToNull(segment);
        tag = blankToNull(tag);
        region = blankToNull(region);
        channel = blankToNull(channel);
        ageBand = blankToNull(ageBand);
        if (segment != null && !SEGMENT.matcher(segment).matches()) {
            throw new FieldRuleViolation("segment", "analytics.segment.invalid", segment);
        }
        if (tag != null && !tag.matches("[A-Z][A-Z0-9_]{0,39}")) {
            throw new FieldRuleViolation("tag", "analytics.tag.invalid", tag);
        }
        if (region != null && !region.matches("\\d{2}")) {
            throw new FieldRuleViolation("region", "analytics.region.invalid", region);
        }
        if (channel != null && !channel.matches("[A-Z_]{1,30}")) {
            throw new FieldRuleViolation("channel", "analytics.channel.invalid", channel);
        }
        if (ageBand != null && ageFromBand(ageBand) == null) {
            throw new FieldRuleViolation("ageBand", "analytics.ageBand.invalid", ageBand);
        }
        if (page < 0) {
            throw new FieldRuleViolation("page", "analytics.page.invalid", page);
        }
        if (size < 1 || size > 200) {
            throw new FieldRuleViolation("size", "analytics.size.invalid", size);
        }
        sort = sort == null ? Sort.KEYED : sort;
    }

    /** From request parameters (the sort by its parameter name); a bad value is a violation naming the parameter. */
    public static AnalystCustomerQuery of(String segment, String tag, String region, Long branch, String channel,
                                          String ageBand, String sort, String direction, Integer page, Integer size) {
        boolean descending = direction != null && direction.strip().equalsIgnoreCase("desc");
        if (direction != null && !direction.isBlank() && !descending && !direction.strip().equalsIgnoreCase("asc")) {
            throw new FieldRuleViolation("direction", "analytics.direction.invalid", direction);
        }
        return new AnalystCustomerQuery(segment, tag, region, branch, channel, ageBand, Sort.of(sort), descending,
                page == null ? 0 : page, size == null ? 50 : size);
    }

    String segmentDimension() {
        return segment == null ? null : segment.substring(0, segment.indexOf(':'));
    }

    String segmentName() {
        return segment == null ? null : segment.substring(segment.indexOf(':') + 1);
    }

    /** The lower bound of the age band asked for, or null. */
    Integer ageFrom() {
        return ageBand == null ? null : ageFromBand(ageBand);
    }

    /** The ten-year band starting at {@code from} as shown: 0-9, 10-19 … 80-89, 90+. */
    public static String ageBand(int from) {
        return from >= 90 ? "90+" : from + "-" + (from + 9);
    }

    private static Integer ageFromBand(String band) {
        for (int from = 0; from <= 90; from += 10) {
            if (ageBand(from).equals(band)) {
                return from;
            }
        }
        return null;
    }

    /** The filters, for the audit reason. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        append(text, "segment", segment);
        append(text, "tag", tag);
        append(text, "region", region);
        append(text, "branch", branch);
        append(text, "channel", channel);
        append(text, "ageBand", ageBand);
        append(text, "sort", sort.parameter() + (descending ? " desc" : ""));
        return text.toString();
    }

    private static void append(StringBuilder text, String name, Object value) {
        if (value != null) {
            text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(value);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
