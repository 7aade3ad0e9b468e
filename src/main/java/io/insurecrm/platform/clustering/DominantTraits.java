package io.insurecrm.platform.clustering;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names clusters by their dominant traits: the features whose member mean lies furthest from the book mean, in book
 * standard deviations (|z|), at least {@code minZ} away; {@code traits} of them, more when two clusters would
 * otherwise carry the same name (up to {@code maxTraits}). Ties in |z| go to the lower feature index. The caller
 * renders a trait (feature index and z; HIGH when z &gt; 0) in its own words.
 */
public final class DominantTraits {

    private DominantTraits() {
    }

    /** One trait: feature {@code feature} (an index into the z profile) lies {@code z} book standard deviations off. */
    public record Trait(int feature, double z) {

        public boolean high() {
            return z > 0;
        }
    }

    /** The rule: the least |z| of a trait, the traits of a name, the most traits a colliding name may grow to. */
    public record Rule(double minZ, int traits, int maxTraits) {

        public Rule {
            if (minZ < 0 || traits < 1 || maxTraits < traits) {
                throw new IllegalArgumentException("min |z| >= 0, 1 <= traits <= max traits");
            }
        }
    }

    /** The traits of each cluster, given each cluster's z profile; every feature may name. */
    public static List<List<Trait>> name(List<double[]> zProfiles, Rule rule) {
        return name(zProfiles, rule, (feature, high) -> true);
    }

    /** A feature in a direction that may name a cluster (a rare product held less than the book reads as nothing). */
    public interface Eligible {
        boolean test(int feature, boolean high);
    }

    /** As {@link #name(List, Rule)}, with only the eligible features and directions. */
    public static List<List<Trait>> name(List<double[]> zProfiles, Rule rule, Eligible eligible) {
        List<List<Trait>> ranked = zProfiles.stream().map(z -> ranked(z, rule.minZ(), eligible)).toList();
        List<List<Trait>> names = new ArrayList<>();
        for (List<Trait> traits : ranked) {
            names.add(new ArrayList<>(traits.subList(0, Math.min(rule.traits(), traits.size()))));
        }
        // lengthen the names that collide, one trait at a time, while that helps
        for (int length = rule.traits() + 1; length <= rule.maxTraits(); length++) {
            Set<Integer> colliding = colliding(names);
            if (colliding.isEmpty()) {
                break;
            }
            for (int i : colliding) {
                List<Trait> traits = ranked.get(i);
                names.set(i, new ArrayList<>(traits.subList(0, Math.min(length, traits.size()))));
            }
        }
        return names.stream().map(List::copyOf).toList();
    }

    private static List<Trait> ranked(double[] z, double minZ, Eligible eligible) {
        List<Trait> traits = new ArrayList<>();
        for (int i = 0; i < z.length; i++) {
            if (Math.abs(z[i]) >= minZ && z[i] != 0 && eligible.test(i, z[i] > 0)) {
                traits.add(new Trait(i, z[i]));
            }
        }
        traits.sort(Comparator.comparingDouble((Trait t) -> -Math.abs(t.z())).thenComparingInt(Trait::feature));
        return traits;
    }

    private static Set<Integer> colliding(List<List<Trait>> names) {
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

    private static List<String> key(List<Trait> traits) {
        return traits.stream().map(t -> t.feature() + (t.high() ? "+" : "-")).toList();
    }
}
