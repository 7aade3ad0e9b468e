package io.insurecrm.coil;

import java.util.ArrayList;
import java.util.List;

/**
 * One feature the CoIL need clusters are found on, in centroid order ({@link #ALL}): the 21 products (each a blend of
 * its A* policy count, capped at 3, and its P* premium band: 0.5 × min(A, 3) / 3 + 0.5 × P / 9), then the
 * postcode-area demographics MGEMLEEF age band, MRELGE married, MFWEKIND households with children, MINKGEM average
 * income (each scaled to 0–1), then the ten MOSHOOFD main types one-hot. Every value is in 0–1 times its
 * {@link #weight()}, so no rare product (5 surfboard holders in 9,822) pulls a centroid onto a handful of customers as a
 * standardised value would; the weights per kind are versioned rules ({@link CoilClusterRule}: a run uses the active
 * version's, {@link #all(Weights)}); {@link #ALL} has version 1's (a product 1, a demographic 0.5, a main type 0.35),
 * for the codes and the order, which do not depend on the weights. The profile and the name read the
 * {@code display} value: the share holding a product, the mean band (1–6 age, 0–9 others), the share of a main type.
 */
public record CoilNeedFeature(String code, Kind kind, int index, double weight) {

    /** PRODUCT (index = CoilProduct ordinal), DEMOGRAPHIC, MAIN_TYPE (index = MOSHOOFD code). */
    public enum Kind { PRODUCT, DEMOGRAPHIC, MAIN_TYPE }

    public static final String AGE = "AGE";
    public static final String MARRIED = "MARRIED";
    public static final String CHILDREN = "CHILDREN";
    public static final String INCOME = "INCOME";

    /** The weight of each product, each demographic and each main type in the clustered space. */
    public record Weights(double product, double demographic, double mainType) {

        /** Version 1's weights, as coil/V107 seeds them. */
        public static final Weights SEED = new Weights(1.0, 0.5, 0.35);
    }

    public static final List<CoilNeedFeature> ALL = all(Weights.SEED);

    /** Every feature, in centroid order, weighted as given. */
    public static List<CoilNeedFeature> all(Weights weights) {
        List<CoilNeedFeature> features = new ArrayList<>();
        for (CoilProduct product : CoilProduct.values()) {
            features.add(new CoilNeedFeature(product.name(), Kind.PRODUCT, product.ordinal(), weights.product()));
        }
        List<String> demographics = List.of(AGE, MARRIED, CHILDREN, INCOME);
        for (int i = 0; i < demographics.size(); i++) {
            features.add(new CoilNeedFeature(demographics.get(i), Kind.DEMOGRAPHIC, i, weights.demographic()));
        }
        for (CustomerMainType type : CustomerMainType.values()) {
            features.add(new CoilNeedFeature("TYPE_" + type.code(), Kind.MAIN_TYPE, type.code(), weights.mainType()));
        }
        return List.copyOf(features);
    }

    /** One customer's inputs: policies and premium band per product (CoilProduct order) and the demographics. */
    public record Inputs(int[] policies, int[] bands, int ageBand, int mainType, int married, int children, int income) {
    }

    /** The value clustered: in 0–1, times the weight. */
    public double value(Inputs in) {
        return weight * switch (kind) {
            case PRODUCT -> 0.5 * Math.min(in.policies()[index], 3) / 3.0 + 0.5 * in.bands()[index] / 9.0;
            case DEMOGRAPHIC -> switch (code) {
                case AGE -> Math.max(0, Math.min(5, in.ageBand() - 1)) / 5.0;
                case MARRIED -> in.married() / 9.0;
                case CHILDREN -> in.children() / 9.0;
                default -> in.income() / 9.0;
            };
            case MAIN_TYPE -> in.mainType() == index ? 1 : 0;
        };
    }

    /** The value the profile shows and the name reads: holding (0/1), the band as published, main type (0/1). */
    public double display(Inputs in) {
        return switch (kind) {
            case PRODUCT -> in.policies()[index] > 0 ? 1 : 0;
            case DEMOGRAPHIC -> switch (code) {
                case AGE -> in.ageBand();
                case MARRIED -> in.married();
                case CHILDREN -> in.children();
                default -> in.income();
            };
            case MAIN_TYPE -> in.mainType() == index ? 1 : 0;
        };
    }

    /** A share (products, main types) rather than a band. */
    public boolean share() {
        return kind != Kind.DEMOGRAPHIC;
    }
}
