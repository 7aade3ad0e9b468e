package io.insurecrm.engagement;

/**
 * A two-proportion z-test of a variant's response rate against the first variant's (the control): pooled proportion,
 * z = (p2 − p1) / √(p(1 − p)(1/n1 + 1/n2)), two-sided p-value from the normal distribution. Significant at 5 %.
 * A rough indication for staff, not a substitute for a planned experiment (no correction for looking repeatedly).
 */
public record Significance(double z, double pValue, boolean significant) {

    public static final double ALPHA = 0.05;

    /** The test, or null when either group has no delivered messages or no group differs at all (no variance). */
    public static Significance of(long responders1, long n1, long responders2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return null;
        }
        double p1 = (double) responders1 / n1;
        double p2 = (double) responders2 / n2;
        double pooled = (double) (responders1 + responders2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return null;
        }
        double z = (p2 - p1) / se;
        double p = 2 * (1 - phi(Math.abs(z)));
        return new Significance(z, Math.max(0, Math.min(1, p)), p < ALPHA);
    }

    /** The standard normal distribution function, through erf (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
    static double phi(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2)));
    }

    private static double erf(double x) {
        double sign = Math.signum(x);
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double y = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
                * Math.exp(-a * a);
        return sign * y;
    }
}
