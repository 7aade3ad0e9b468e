package io.insurecrm.crosssell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -cp target/classes io.insurecrm.crosssell.CoilCrossValidation TRAIN [folds=5] [seeds=5]}: repeated
 * stratified k-fold cross-validation of the caravan model on the training file only, beside a baseline that ranks
 * by car policies (APERSAUT, then PPERSAUT). Metric: caravan holders among the top 20% of each held-out fold, summed
 * over the folds (so every training customer is scored once per seed), and scaled to holders per 800 of 4,000 for
 * comparison with the competition's figures. Prints a table.
 */
public final class CoilCrossValidation {

    static final double SHARE = 0.2;

    private CoilCrossValidation() {
    }

    /** A way to score a held-out fold after training on the rest. */
    interface Method {
        double[] scores(List<short[]> train, int[] labels, List<short[]> test);
    }

    static Method logistic(double lambda) {
        return (train, labels, test) -> {
            CaravanPropensityModel model = new CaravanPropensityModel(lambda).train(train, labels);
            return test.stream().mapToDouble(model::score).toArray();
        };
    }

    /** Number of car policies, then the car premium band: APERSAUT × 10 + PPERSAUT (PPERSAUT is 0–9). */
    static Method carBaseline() {
        return (train, labels, test) -> test.stream()
                .mapToDouble(c -> c[io.insurecrm.coil.CoilProduct.PERSAUT.policiesColumn() - 1] * 10.0
                        + c[io.insurecrm.coil.CoilProduct.PERSAUT.premiumColumn() - 1])
                .toArray();
    }

    /** Holders found in the top {@link #SHARE} of each held-out fold, summed over the folds. */
    static int holdersFound(Method method, CoilData data, int[] fold, int k, long[] trainingNanos) {
        int found = 0;
        for (int f = 0; f < k; f++) {
            List<short[]> train = new ArrayList<>();
            List<short[]> test = new ArrayList<>();
            List<Integer> trainLabels = new ArrayList<>();
            List<Integer> testLabels = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                boolean held = fold[i] == f;
                (held ? test : train).add(data.customers().get(i));
                (held ? testLabels : trainLabels).add(data.caravan()[i]);
            }
            long start = System.nanoTime();
            double[] scores = method.scores(train, trainLabels.stream().mapToInt(Integer::intValue).toArray(), test);
            trainingNanos[0] += System.nanoTime() - start;
            trainingNanos[1]++;
            int top = (int) Math.round(SHARE * test.size());
            found += Ranking.hitsInTop(Ranking.order(scores), testLabels.stream().mapToInt(Integer::intValue).toArray(), top);
        }
        return found;
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: CoilCrossValidation TRAIN [folds=5] [seeds=5]");
            System.exit(2);
        }
        CoilData data;
        try {
            data = CoilData.readTraining(Path.of(args[0]));
        } catch (CrossSellRefused e) {
            System.err.println("refused: " + e.getMessage());
            System.exit(1);
            return;
        }
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        int n = data.customers().size();
        int holders = Arrays.stream(data.caravan()).sum();
        double perEval = 4000.0 / n;

        Map<String, Method> methods = new LinkedHashMap<>();
        methods.put("baseline: APERSAUT, then PPERSAUT", carBaseline());
        methods.put("logistic L2, lambda=" + fmt(CaravanPropensityModel.DEFAULT_LAMBDA) + " (default)",
                logistic(CaravanPropensityModel.DEFAULT_LAMBDA));
        methods.put("logistic L2, lambda=1", logistic(1));
        methods.put("logistic L2, lambda=100", logistic(100));

        System.out.printf("CoIL 2000 caravan, %d-fold stratified CV on the training file only: %d customers, %d holders; seeds 1..%d%n",
                k, n, holders, seeds);
        System.out.printf("found = holders among the top %.0f%% of each held-out fold, summed over the %d folds; per 800 = found x 4000/%d%n%n",
                SHARE * 100, k, n);
        System.out.printf("| %-40s | %-28s | %-13s | %-14s | %s |%n", "method", "found per seed", "mean found", "per 800 of 4,000", "fit ms per fold");
        System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(42), "-".repeat(30), "-".repeat(15), "-".repeat(18), "-".repeat(17));
        double expected = SHARE * holders;
        System.out.printf("| %-40s | %-28s | %13.1f | %16.1f | %15s |%n", "random (expected)", "-", expected, expected * perEval, "-");
        for (Map.Entry<String, Method> method : methods.entrySet()) {
            int[] found = new int[seeds];
            long[] nanos = new long[2];
            for (int s = 0; s < seeds; s++) {
                int[] fold = StratifiedFolds.assign(data.caravan(), k, s + 1);
                found[s] = holdersFound(method.getValue(), data, fold, k, nanos);
            }
            double mean = Arrays.stream(found).average().orElse(0);
            System.out.printf("| %-40s | %-28s | %13.1f | %16.1f | %15.0f |%n", method.getKey(),
                    Arrays.toString(found), mean, mean * perEval, nanos[0] / 1e6 / nanos[1]);
        }

        long[] millis = new long[3];
        for (int r = 0; r < millis.length; r++) {
            long start = System.nanoTime();
            new CaravanPropensityModel().train(data.customers(), data.caravan());
            millis[r] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        CaravanPropensityModel model = new CaravanPropensityModel().train(data.customers(), data.caravan());
        System.out.printf("%ntraining the default model on all %d customers: median %d ms of %d runs (%s), %d Newton iterations; %d cores, Java %s%n",
                n, millis[1], millis.length, Arrays.toString(millis), model.lossHistory().size() - 1,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

}
