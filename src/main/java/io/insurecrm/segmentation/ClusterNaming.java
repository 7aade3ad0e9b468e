package io.insurecrm.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;

/**
 * Names need clusters by their dominant traits: the features whose member mean lies furthest from the book mean, in
 * book standard deviations (|z|), at least {@link #MIN_Z} away; {@link #TRAITS} of them, more when two clusters would
 * otherwise carry the same name (up to {@link #MAX_TRAITS}). A cluster with no feature that far is "close to the book
 * average". Ties in |z| go to the feature listed first in {@link NeedFeature}.
 */
public final class ClusterNaming {

    public static final double MIN_Z = 0.5;
    public static final int TRAITS = 2;
    public static final int MAX_TRAITS = 4;

    private ClusterNaming() {
    }

    /** The traits of each cluster, given each cluster's z profile (one value per feature, in the given order). */
    public static List<List<ClusterTrait>> name(List<NeedFeature> features, List<double[]> zProfiles) {
        List<List<ClusterTrait>> ranked = zProfiles.stream().map(z -> ranked(features, z)).toList();
        List<List<ClusterTrait>> names = new ArrayList<>();
        for (List<ClusterTrait> traits : ranked) {
            names.add(new ArrayList<>(traits.subList(0, Math.min(TRAITS, traits.size()))));
        }
        // lengthen the names that collide, one trait at a time, while that helps
        for (int length = TRAITS + 1; length <= MAX_TRAITS; length++) {
            Set<Integer> colliding = colliding(names);
            if (colliding.isEmpty()) {
                break;
            }
            for (int i : colliding) {
                List<ClusterTrait> traits = ranked.get(i);
                names.set(i, new ArrayList<>(traits.subList(0, Math.min(length, traits.size()))));
            }
        }
        return names.stream().map(List::copyOf).toList();
    }

    private static List<ClusterTrait> ranked(List<NeedFeature> features, double[] z) {
        if (z.length != features.size()) {
            throw new IllegalArgumentException("a z profile of " + z.length + " values for " + features.size() + " features");
        }
        List<ClusterTrait> traits = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            if (Math.abs(z[i]) >= MIN_Z) {
                traits.add(new ClusterTrait(features.get(i), z[i] > 0 ? ClusterTrait.Direction.HIGH : ClusterTrait.Direction.LOW, z[i]));
            }
        }
        traits.sort(Comparator.comparingDouble((ClusterTrait t) -> -Math.abs(t.z())).thenComparing(t -> features.indexOf(t.feature())));
        return traits;
    }

    private static Set<Integer> colliding(List<List<ClusterTrait>> names) {
        Set<Integer> colliding = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                if (key(names.get(i)).equals(key(names.get(j)))) {
                    colliding.add(i);
                    colliding.add(j);
                }
            }
        }
        return colliding;
    }

    private static List<String> key(List<ClusterTrait> traits) {
        return traits.stream().map(t -> t.feature() + "." + t.direction()).toList();
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
