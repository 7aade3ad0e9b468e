package io.insurecrm.crosssell;

import io.insurecrm.coil.CoilProduct;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the 85 CoIL 2000 columns of one customer into model features: MOSTYPE (1–41) and MOSHOOFD (1–10) one-hot,
 * the other socio-demographic columns and the 42 premium (P) and policy-count (A) product columns as numbers, and one has-product indicator
 * per product (P* or A* above zero): 155 features. Each feature is standardised with the training rows' mean and
 * standard deviation (a feature constant in training is left at 0), so a feature's contribution to the logit,
 * weight × standardised value, reads as compared with the average training customer.
 */
final class CaravanFeatures {

    static final int COLUMNS = 85;

    private static final String[] DEMOGRAPHIC_COLUMNS = {"MOSTYPE", "MAANTHUI", "MGEMOMV", "MGEMLEEF", "MOSHOOFD",
            "MGODRK", "MGODPR", "MGODOV", "MGODGE", "MRELGE", "MRELSA", "MRELOV", "MFALLEEN", "MFGEKIND", "MFWEKIND",
            "MOPLHOOG", "MOPLMIDD", "MOPLLAAG", "MBERHOOG", "MBERZELF", "MBERBOER", "MBERMIDD", "MBERARBG", "MBERARBO",
            "MSKA", "MSKB1", "MSKB2", "MSKC", "MSKD", "MHHUUR", "MHKOOP", "MAUT1", "MAUT2", "MAUT0", "MZFONDS", "MZPART",
            "MINKM30", "MINK3045", "MINK4575", "MINK7512", "MINK123M", "MINKGEM", "MKOOPKLA"};
    private static final int SUBTYPES = 41;
    private static final int MAIN_TYPES = 10;
    private static final List<String> NAMES = names();

    private final double[] mean;
    private final double[] scale;

    private CaravanFeatures(double[] mean, double[] scale) {
        this.mean = mean;
        this.scale = scale;
    }

    static List<String> names() {
        if (NAMES != null) {
            return NAMES;
        }
        List<String> names = new ArrayList<>();
        for (int k = 1; k <= SUBTYPES; k++) {
            names.add("MOSTYPE=" + k);
        }
        for (int k = 1; k <= MAIN_TYPES; k++) {
            names.add("MOSHOOFD=" + k);
        }
        for (int c = 2; c <= 43; c++) {
            if (c != 5) {
                names.add(DEMOGRAPHIC_COLUMNS[c - 1]);
            }
        }
        for (CoilProduct product : CoilProduct.values()) {
            names.add("P" + product.name());
        }
        for (CoilProduct product : CoilProduct.values()) {
            names.add("A" + product.name());
        }
        for (CoilProduct product : CoilProduct.values()) {
            names.add("has " + product.name());
        }
        return List.copyOf(names);
    }

    static int size() {
        return NAMES.size();
    }

    /** The unstandardised features of one customer (its first 85 values; a 86th, the target, is ignored). */
    static double[] raw(short[] customer) {
        if (customer.length < COLUMNS) {
            throw new IllegalArgumentException("a customer has " + COLUMNS + " values, got " + customer.length);
        }
        double[] f = new double[NAMES.size()];
        int at = 0;
        int subtype = customer[0];
        if (subtype >= 1 && subtype <= SUBTYPES) {
            f[at + subtype - 1] = 1;
        }
        at += SUBTYPES;
        int mainType = customer[4];
        if (mainType >= 1 && mainType <= MAIN_TYPES) {
            f[at + mainType - 1] = 1;
        }
        at += MAIN_TYPES;
        for (int c = 2; c <= 43; c++) {
            if (c != 5) {
                f[at++] = customer[c - 1];
            }
        }
        for (CoilProduct product : CoilProduct.values()) {
            f[at++] = customer[product.premiumColumn() - 1];
        }
        for (CoilProduct product : CoilProduct.values()) {
            f[at++] = customer[product.policiesColumn() - 1];
        }
        for (CoilProduct product : CoilProduct.values()) {
            f[at++] = customer[product.premiumColumn() - 1] > 0 || customer[product.policiesColumn() - 1] > 0 ? 1 : 0;
        }
        return f;
    }

    static CaravanFeatures fit(List<short[]> customers) {
        int d = NAMES.size();
        double[] mean = new double[d];
        double[] sumSquares = new double[d];
        for (short[] customer : customers) {
            double[] f = raw(customer);
            for (int j = 0; j < d; j++) {
                mean[j] += f[j];
                sumSquares[j] += f[j] * f[j];
            }
        }
        int n = customers.size();
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
            double variance = sumSquares[j] / n - mean[j] * mean[j];
            scale[j] = variance > 1e-12 ? Math.sqrt(variance) : 0;
        }
        return new CaravanFeatures(mean, scale);
    }

    double[] standardised(short[] customer) {
        double[] f = raw(customer);
        for (int j = 0; j < f.length; j++) {
            f[j] = scale[j] == 0 ? 0 : (f[j] - mean[j]) / scale[j];
        }
        return f;
    }
}
