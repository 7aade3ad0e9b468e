package io.insurecrm.segmentation;

/**
 * The protection-need features a need cluster is found on, one value per customer computed set-based in SQL
 * ({@link NeedClusterSql}). {@link #column()} is the value clustered (standardised over the book before the fit);
 * {@link #display()} is what the cluster profile shows (the share of members for a yes/no feature, years, CNY, claims).
 * A missing value (the age of a firm) counts as the book mean. The order is the order of centroids and profiles.
 */
public enum NeedFeature {
    /** Age in whole years (individuals). */
    AGE(Unit.YEARS, false),
    /** Married. */
    MARRIED(Unit.SHARE, false),
    /** A CHILD member in the household the customer heads or co-heads (as for LIFE_STAGE). */
    CHILDREN(Unit.SHARE, false),
    /** A PARENT member in that household. */
    PARENTS(Unit.SHARE, false),
    /** A corporate customer. */
    CORPORATE(Unit.SHARE, false),
    /** Holds or is insured by an active policy of the line(s); a LOW value reads as a gap in cover. */
    ACCIDENT(Unit.SHARE, true),
    MEDICAL(Unit.SHARE, true),
    CRITICAL_ILLNESS(Unit.SHARE, true),
    /** TERM_LIFE or WHOLE_LIFE. */
    LIFE(Unit.SHARE, true),
    ANNUITY(Unit.SHARE, true),
    EDUCATION(Unit.SHARE, true),
    LONG_TERM_CARE(Unit.SHARE, true),
    HOME_PROPERTY(Unit.SHARE, true),
    MOTOR(Unit.SHARE, true),
    /** CORPORATE_PROPERTY or LIABILITY. */
    BUSINESS(Unit.SHARE, true),
    /** Annual premium of the active policies he holds: clustered as ln(1 + CNY), shown in CNY. */
    PREMIUM(Unit.CNY, false),
    /** Claims reported in the last three years. */
    CLAIMS(Unit.COUNT, false);

    /** How a profile value reads. */
    public enum Unit { YEARS, SHARE, CNY, COUNT }

    private final Unit unit;
    private final boolean cover;

    NeedFeature(Unit unit, boolean cover) {
        this.unit = unit;
        this.cover = cover;
    }

    public Unit unit() {
        return unit;
    }

    /** A product-line holding: below the book mean it names a gap in cover. */
    public boolean cover() {
        return cover;
    }

    /** The column of the feature table clustered. */
    String column() {
        return "f_" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The column of the feature table the profile averages. */
    String display() {
        return this == PREMIUM ? "premium_cny" : column();
    }
}
