package io.insurecrm.coil;

import io.insurecrm.platform.clustering.DominantTraits;
import java.time.Instant;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * A version of the CoIL cluster rules ({@code coil_cluster_rule_set}): the naming (a trait needs |z| of at least
 * {@code minZ}, a name has {@code traits} of them, up to {@code maxTraits} when names collide; a product held less
 * than the book names a gap only when at least {@code commonProduct} of the book holds it) and the weights of the
 * clustered features (each product, each demographic, each main type). Saved by {@code createdBy} at
 * {@code createdAt} for {@code reason} (shown through {@code reasonKey} when set: the seed); one version is active.
 */
public record CoilClusterRule(long id, int version, double minZ, int traits, int maxTraits, double commonProduct,
                              double productWeight, double demographicWeight, double mainTypeWeight, String reason,
                              String reasonKey, Instant createdAt, String createdBy, boolean active) {

    /** The naming part as {@link DominantTraits} applies it. */
    public DominantTraits.Rule naming() {
        return new DominantTraits.Rule(minZ, traits, maxTraits);
    }

    /** The weights of the features of a run by these rules. */
    public CoilNeedFeature.Weights weights() {
        return new CoilNeedFeature.Weights(productWeight, demographicWeight, mainTypeWeight);
    }

    /** The reason in a language: the seed's through its message key, a saved one as written. */
    public String reason(MessageSource messages, Locale locale) {
        return reasonKey == null ? reason : messages.getMessage(reasonKey, null, reason, locale);
    }

    /** This version with its reason in a language (as the API answers it). */
    public CoilClusterRule inLanguage(MessageSource messages, Locale locale) {
        return new CoilClusterRule(id, version, minZ, traits, maxTraits, commonProduct, productWeight, demographicWeight,
                mainTypeWeight, reason(messages, locale), reasonKey, createdAt, createdBy, active);
    }

    /** Proposed rules as typed or posted; {@link CoilClusterRules#check} says what is wrong with them. */
    public record Proposal(Double minZ, Integer traits, Integer maxTraits, Double commonProduct, Double productWeight,
                           Double demographicWeight, Double mainTypeWeight) {

        DominantTraits.Rule naming() {
            return new DominantTraits.Rule(minZ, traits, maxTraits);
        }

        CoilNeedFeature.Weights weights() {
            return new CoilNeedFeature.Weights(productWeight, demographicWeight, mainTypeWeight);
        }
    }
}
