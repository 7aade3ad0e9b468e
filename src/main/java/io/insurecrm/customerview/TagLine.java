package io.insurecrm.customerview;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;

/**
 * One of the customer's current tags (read from the segmentation module's customer_tag table): the tag dimension
 * (RISK, VALUE, NEED), the tag, its source — RULE with a reason key and arguments, or MANUAL with a note — who set it
 * and since when.
 */
public record TagLine(long id, String dimension, String tag, String source, String reasonKey, List<String> reasonArgs,
                      String note, String createdBy, LocalDate since) {

    public boolean manual() {
        return "MANUAL".equals(source);
    }

    /**
     * A rule tag's reason in the language, its arguments named too: the dimension and the segment by the segmentation
     * bundle, the lacking product lines by their names ({@code 依据生命周期：银发，且没有有效的长期护理险、年金险保单}
     * rather than the codes stored); null for a manual tag.
     */
    public String reason(MessageSource messages, Locale locale) {
        if (reasonKey == null) {
            return null;
        }
        Object[] args = reasonArguments();
        if (args.length > 0) {
            args[0] = messages.getMessage("segmentation.dimension." + args[0], null, String.valueOf(args[0]), locale);
        }
        if (args.length > 1) {
            args[1] = messages.getMessage("segmentation.segment." + args[1], null, String.valueOf(args[1]), locale);
        }
        if (args.length > 2) {
            args[2] = Arrays.stream(String.valueOf(args[2]).split(",\\s*"))
                    .map(line -> messages.getMessage("c360.line." + line, null, line, locale))
                    .collect(Collectors.joining("zh".equals(locale.getLanguage()) ? "、" : ", "));
        }
        return messages.getMessage(reasonKey, args, reasonKey, locale);
    }

    /** The reason's message arguments as stored (codes), for {@code #messages.msgWithParams}. */
    public Object[] reasonArguments() {
        return reasonArgs == null ? new Object[0] : reasonArgs.toArray();
    }
}
