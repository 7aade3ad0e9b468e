package io.insurecrm.engagement;

import io.insurecrm.product.ProductLine;
import io.insurecrm.segmentation.Dimension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A campaign as proposed (create or edit a draft). {@link #problems()} finds everything wrong that needs no database;
 * {@link Campaigns} adds the templates' checks (both languages exist, only campaign variables).
 *
 * @param purpose  MARKETING when not given (marketing consent required)
 * @param variants two to five templates with their percentages, summing to 100
 */
public record CampaignDraft(String name, MessagePurpose purpose, Channel channel, CampaignAudience.Kind audienceKind,
                            String audienceDimension, String audienceCode, Integer audienceTop,
                            List<VariantDraft> variants, String responseLine, Integer responseDays) {

    public record VariantDraft(String templateCode, Integer percent) {
    }

    public static final int MIN_VARIANTS = 2;
    public static final int MAX_VARIANTS = 5;
    public static final int MAX_TOP = 5_000;
    /** Variables a campaign template may use: the launch fills them for every customer in one statement. */
    public static final Set<String> VARIABLES = Set.of("customerName", "agentName");
    public static final List<String> TAG_DIMENSIONS = List.of("RISK", "VALUE", "NEED");

    private static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{0,39}$");

    public CampaignDraft {
        name = name == null ? null : name.strip();
        purpose = purpose == null ? MessagePurpose.MARKETING : purpose;
        audienceDimension = blankToNull(audienceDimension);
        audienceCode = blankToNull(audienceCode);
        variants = variants == null ? List.of() : variants.stream()
                .filter(v -> v != null && (blankToNull(v.templateCode()) != null || v.percent() != null))
                .map(v -> new VariantDraft(blankToNull(v.templateCode()), v.percent())).toList();
        responseLine = blankToNull(responseLine);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The variants with their labels A, B, … in the order given. */
    public List<CampaignVariant> labelled() {
        List<CampaignVariant> labelled = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            VariantDraft v = variants.get(i);
            labelled.add(new CampaignVariant(String.valueOf((char) ('A' + i)), v.templateCode(), v.percent() == null ? 0 : v.percent()));
        }
        return labelled;
    }

    /** Every problem found without the database, as field, message key and arguments; empty = may be saved. */
    public List<RuleProblem> problems() {
        List<RuleProblem> problems = new ArrayList<>();
        if (name == null || name.isEmpty() || name.length() > 200) {
            problems.add(new RuleProblem("name", "engagement.campaign.name.invalid", 200));
        }
        if (purpose == MessagePurpose.AUTH) {
            problems.add(new RuleProblem("purpose", "engagement.trigger.purpose.invalid"));
        }
        if (channel == null) {
            problems.add(new RuleProblem("channel", "engagement.campaign.channel.missing"));
        }
        audienceProblems(problems);
        variantProblems(problems);
        if (responseLine == null || Arrays.stream(ProductLine.values()).noneMatch(l -> l.name().equals(responseLine))) {
            problems.add(new RuleProblem("responseLine", "engagement.campaign.line.invalid", String.valueOf(responseLine)));
        }
        if (responseDays == null || responseDays < 1 || responseDays > 365) {
            problems.add(new RuleProblem("responseDays", "engagement.campaign.days.range",
                    responseDays == null ? "" : responseDays, 1, 365));
        }
        return problems;
    }

    private void audienceProblems(List<RuleProblem> problems) {
        if (audienceKind == null) {
            problems.add(new RuleProblem("audienceKind", "engagement.campaign.audience.missing"));
            return;
        }
        switch (audienceKind) {
            case SEGMENT -> {
                if (audienceDimension == null || Arrays.stream(Dimension.values()).noneMatch(d -> d.name().equals(audienceDimension))) {
                    problems.add(new RuleProblem("audienceDimension", "engagement.campaign.dimension.invalid",
                            String.valueOf(audienceDimension), String.join(", ", Arrays.stream(Dimension.values()).map(Enum::name).toList())));
                }
                codeProblem(problems);
            }
            case TAG -> {
                if (audienceDimension == null || !TAG_DIMENSIONS.contains(audienceDimension)) {
                    problems.add(new RuleProblem("audienceDimension", "engagement.campaign.dimension.invalid",
                            String.valueOf(audienceDimension), String.join(", ", TAG_DIMENSIONS)));
                }
                codeProblem(problems);
            }
            case TARGET_LIST -> {
                if (audienceCode == null || Arrays.stream(ProductLine.values()).noneMatch(l -> l.name().equals(audienceCode))) {
                    problems.add(new RuleProblem("audienceCode", "engagement.campaign.line.invalid", String.valueOf(audienceCode)));
                }
                if (audienceTop == null || audienceTop < 1 || audienceTop > MAX_TOP) {
                    problems.add(new RuleProblem("audienceTop", "engagement.campaign.top.range",
                            audienceTop == null ? "" : audienceTop, 1, MAX_TOP));
                }
            }
        }
    }

    private void codeProblem(List<RuleProblem> problems) {
        if (audienceCode == null || !CODE.matcher(audienceCode).matches()) {
            problems.add(new RuleProblem("audienceCode", "engagement.campaign.code.invalid", String.valueOf(audienceCode)));
        }
    }

    private void variantProblems(List<RuleProblem> problems) {
        if (variants.size() < MIN_VARIANTS || variants.size() > MAX_VARIANTS) {
            problems.add(new RuleProblem("variants", "engagement.campaign.variants.count", variants.size(), MIN_VARIANTS, MAX_VARIANTS));
        }
        int sum = 0;
        for (int i = 0; i < variants.size(); i++) {
            VariantDraft v = variants.get(i);
            String label = String.valueOf((char) ('A' + i));
            if (v.templateCode() == null) {
                problems.add(new RuleProblem("variants[" + i + "].templateCode", "engagement.campaign.variant.template.missing", label));
            }
            if (v.percent() == null || v.percent() < 1 || v.percent() > 99) {
                problems.add(new RuleProblem("variants[" + i + "].percent", "engagement.campaign.variant.percent.range",
                        label, v.percent() == null ? "" : v.percent()));
            } else {
                sum += v.percent();
            }
        }
        boolean eachValid = variants.stream().allMatch(v -> v.percent() != null && v.percent() >= 1 && v.percent() <= 99);
        if (!variants.isEmpty() && eachValid && sum != 100) {
            problems.add(new RuleProblem("variants", "engagement.campaign.variants.sum", sum));
        }
    }
}
