package io.insurecrm.crosssell;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -cp target/classes io.insurecrm.crosssell.CoilRank TRAIN EVAL OUT}: trains the caravan model on TRAIN
 * (86 columns) and writes OUT: one line per customer of EVAL (85 columns), its 1-based row number and score,
 * tab-separated, highest score first, ties by row number. Exit 0 done, 2 usage, 1 refused (message on stderr).
 */
public final class CoilRank {

    private CoilRank() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: CoilRank TRAIN EVAL OUT");
            System.exit(2);
        }
        try {
            long start = System.nanoTime();
            CoilData train = CoilData.readTraining(Path.of(args[0]));
            List<short[]> eval = CoilData.readCustomers(Path.of(args[1]));
            CaravanPropensityModel model = new CaravanPropensityModel().train(train.customers(), train.caravan());
            long trained = System.nanoTime();
            rank(model, eval, Path.of(args[2]));
            System.err.printf("trained on %d customers (%d holders) in %d ms; ranked %d customers into %s%n",
                    train.customers().size(), java.util.Arrays.stream(train.caravan()).sum(), (trained - start) / 1_000_000,
                    eval.size(), args[2]);
        } catch (CrossSellRefused | IOException e) {
            System.err.println("refused: " + e.getMessage());
            System.exit(1);
        }
    }

    static void rank(CaravanPropensityModel model, List<short[]> customers, Path out) throws IOException {
        double[] scores = new double[customers.size()];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = model.score(customers.get(i));
        }
        try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            Ranking.write(scores, writer);
        }
    }
}
