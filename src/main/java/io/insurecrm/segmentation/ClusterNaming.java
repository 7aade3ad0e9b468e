package io.insurecrm.segmentation;

import io.insurecrm.platform.clustering.DominantTraits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Names need clusters by their dominant traits under a naming rule ({@link ClusterNamingRule}, versioned data): the
 * features whose member mean lies furthest from the book mean, in book standard deviations (|z|), at least min |z|
 * away; the rule's traits of them, more when two clusters would otherwise carry the same name (up to its max traits).
 * A cluster with no feature that far is close to the book average. Ties in |z| go to the feature listed first in
 * {@link NeedFeature}.
 */
public final class ClusterNaming {

    /** Version 1 of the naming rule, as segmentation/V106 seeds it (runs read the active version). */
    public static final DominantTraits.Rule SEED = new DominantTraits.Rule(0.5, 2, 4);

    private ClusterNaming() {
    }

    /** The traits of each cluster under the seed rule (version 1). */
    public static List<List<ClusterTrait>> name(List<NeedFeature> features, List<double[]> zProfiles) {
        return name(features, zProfiles, SEED);
    }

    /** The traits of each cluster under a rule, given each cluster's z profile (one value per feature, in the given order). */
    public static List<List<ClusterTrait>> name(List<NeedFeature> features, List<double[]> zProfiles, DominantTraits.Rule rule) {
        for (double[] z : zProfiles) {
            if (z.length != features.size()) {
                throw new IllegalArgumentException("a z profile of " + z.length + " values for " + features.size() + " features");
            }
        }
        return DominantTraits.name(zProfiles, rule).stream()
                .map(traits -> traits.stream().map(t -> new ClusterTrait(features.get(t.feature()),
                        t.high() ? ClusterTrait.Direction.HIGH : ClusterTrait.Direction.LOW, t.z())).toList())
                .toList();
    }

    /**
     * The name in a language: the traits' texts joined by a middle dot (有子女家庭·重疾缺口, "Families with children ·
     * no critical-illness cover"); "close to the book average" without traits. A name that still equals another
     * cluster's in {@code allNames} ends with the cluster number.
     */
    public static String render(List<ClusterTrait> traits, MessageSource messages, Locale locale) {
        if (traits.isEmpty()) {
            return messages.getMessage("segmentation.clusters.trait.AVERAGE", null, "AVERAGE", locale);
        }
        String separator = messages.getMessage("segmentation.clusters.trait.separator", null, "·", locale);
        List<String> parts = traits.stream().map(t -> messages.getMessage(t.messageKey(), null, t.messageKey(), locale)).toList();
        return String.join(separator, parts);
    }

    /**
     * The names of all clusters of a run (in cluster number order, from 1) in a language; a name that still equals
     * another's ends with its cluster number.
     */
    public static List<String> renderAll(List<List<ClusterTrait>> names, MessageSource messages, Locale locale) {
        List<String> rendered = new ArrayList<>();
        for (List<ClusterTrait> traits : names) {
            rendered.add(render(traits, messages, locale));
        }
        List<String> unique = new ArrayList<>();
        for (int i = 0; i < rendered.size(); i++) {
            String name = rendered.get(i);
            boolean twin = false;
            for (int j = 0; j < rendered.size(); j++) {
                twin |= j != i && rendered.get(j).equals(name);
            }
            unique.add(twin ? name + " #" + (i + 1) : name);
        }
        return unique;
    }
}
