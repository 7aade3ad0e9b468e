package io.insurecrm.segmentation;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A customer's segment in a dimension on [validFrom, validTo) (validTo null = current), why, and by which rule version.
 * The reason is either a message key of the segmentation bundle with its arguments ({@code reasonKey},
 * {@code reasonArgs}), rendered in the reader's language, or — for placements written before reasons had keys — the
 * text {@code reason} as it was stored.
 */
public record Placement(long customerId, Dimension dimension, String segment, String reason, int ruleVersion,
                        LocalDate validFrom, LocalDate validTo, String reasonKey, List<String> reasonArgs) {

    public Placement {
        reasonArgs = reasonArgs == null ? List.of() : List.copyOf(reasonArgs);
    }

    /** The reason in a language: the message of its key with its arguments, or the stored text of an old row. */
    public String reasonIn(MessageSource messages, Locale locale) {
        return reasonKey == null ? reason : messages.getMessage(reasonKey, reasonArgs.toArray(), reasonKey, locale);
    }
}
