package io.insurecrm.segmentation;

import io.insurecrm.platform.clustering.DominantTraits;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A version of the need-cluster naming rule ({@code need_cluster_naming_rule_set}): a trait needs |z| of at least
 * {@code minZ}, a name has {@code traits} of them and grows up to {@code maxTraits} when two names collide. Saved by
 * {@code createdBy} at {@code createdAt} for {@code reason} (shown through {@code reasonKey} when set: the seed); one
 * version is active.
 */
public record ClusterNamingRule(long id, int version, double minZ, int traits, int maxTraits, String reason, String reasonKey,
                                Instant createdAt, String createdBy, boolean active) {

    /** The rule as {@link DominantTraits} applies it. */
    public DominantTraits.Rule rule() {
        return new DominantTraits.Rule(minZ, traits, maxTraits);
    }

    /** The reason in a language: the seed's through its message key, a saved one as written. */
    public String reason(MessageSource messages, Locale locale) {
        return reasonKey == null ? reason : messages.getMessage(reasonKey, null, reason, locale);
    }

    /** This version with its reason in a language (as the API answers it). */
    public ClusterNamingRule inLanguage(MessageSource messages, Locale locale) {
        return new ClusterNamingRule(id, version, minZ, traits, maxTraits, reason(messages, locale), reasonKey, createdAt,
                createdBy, active);
    }

    /** A proposed naming rule as typed or posted; {@link ClusterNamingRules#check} says what is wrong with it. */
    public record Proposal(Double minZ, Integer traits, Integer maxTraits) {

        DominantTraits.Rule rule() {
            return new DominantTraits.Rule(minZ, traits, maxTraits);
        }
    }
}
