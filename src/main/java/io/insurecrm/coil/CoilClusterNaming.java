package io.insurecrm.coil;

import io.insurecrm.platform.clustering.DominantTraits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * Names CoIL need clusters by their dominant traits ({@link DominantTraits}, as the main book's clusters) under the
 * naming of a version of the CoIL cluster rules ({@link CoilClusterRule}): the features whose members' display value
 * (share holding a product, mean band, share of a main type) lies at least min |z| book standard deviations from the
 * book's, the rule's traits of them, more (up to its max traits) when two names would collide. A product held less
 * than the book reads as a gap only for a product that at least the rule's common-product share of the book holds (car,
 * fire); a main type names only where it is over-represented. Rendered with the products held first, joined by a plus,
 * then the rest: 私家车险+火险，年长社区 / Car + Fire, older areas.
 */
public final class CoilClusterNaming {

    /** Version 1's naming, as coil/V107 seeds it (runs read the active version). */
    public static final DominantTraits.Rule SEED = new DominantTraits.Rule(0.5, 2, 4);
    /** Version 1's common-product share. */
    public static final double SEED_COMMON_PRODUCT = 0.2;

    private CoilClusterNaming() {
    }

    /** One trait of a name: a feature (by code) HIGH or LOW with its z. */
    public record Trait(String feature, boolean high, double z) {
    }

    /** The traits of each cluster under version 1's naming. */
    public static List<List<Trait>> name(List<double[]> zProfiles, double[] bookMeans) {
        return name(zProfiles, bookMeans, SEED, SEED_COMMON_PRODUCT);
    }

    /**
     * The traits of each cluster from the clusters' z profiles and the book's display means (CoilNeedFeature.ALL order)
     * under a naming rule and common-product share.
     */
    public static List<List<Trait>> name(List<double[]> zProfiles, double[] bookMeans, DominantTraits.Rule rule,
                                         double commonProduct) {
        List<CoilNeedFeature> features = CoilNeedFeature.ALL;
        return DominantTraits.name(zProfiles, rule, (i, high) -> switch (features.get(i).kind()) {
                    case PRODUCT -> high || bookMeans[i] >= commonProduct;
                    case MAIN_TYPE -> high;
                    case DEMOGRAPHIC -> true;
                }).stream()
                .map(traits -> traits.stream().map(t -> new Trait(features.get(t.feature()).code(), t.high(), t.z())).toList())
                .toList();
    }

    /** A cluster's name in a language. */
    public static String render(List<Trait> traits, MessageSource messages, Locale locale) {
        if (traits.isEmpty()) {
            return messages.getMessage("coil.clusters.trait.AVERAGE", null, locale);
        }
        boolean english = "en".equals(locale.getLanguage());
        List<String> held = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (Trait t : traits) {
            CoilNeedFeature feature = CoilNeedFeature.ALL.stream().filter(f -> f.code().equals(t.feature())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no CoIL feature " + t.feature()));
            switch (feature.kind()) {
                case PRODUCT -> {
                    CoilProduct product = CoilProduct.values()[feature.index()];
                    String name = english ? product.english() : product.chinese();
                    if (t.high()) {
                        held.add(name);
                    } else {
                        rest.add(messages.getMessage("coil.clusters.trait.without", new Object[] {name}, locale));
                    }
                }
                case MAIN_TYPE -> {
                    CustomerMainType type = CustomerMainType.of(feature.index());
                    rest.add(english ? type.english() : type.chinese());
                }
                case DEMOGRAPHIC -> rest.add(messages.getMessage("coil.clusters.trait." + feature.code() + "."
                        + (t.high() ? "HIGH" : "LOW"), null, locale));
            }
        }
        List<String> parts = new ArrayList<>();
        if (!held.isEmpty()) {
            parts.add(String.join(messages.getMessage("coil.clusters.trait.plus", null, locale), held));
        }
        parts.addAll(rest);
        return String.join(messages.getMessage("coil.clusters.trait.separator", null, locale), parts);
    }

    /** The names of all clusters of a run (cluster number order) in a language; a name equal to another's ends with its number. */
    public static List<String> renderAll(List<List<Trait>> names, MessageSource messages, Locale locale) {
        List<String> rendered = names.stream().map(traits -> render(traits, messages, locale)).toList();
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
