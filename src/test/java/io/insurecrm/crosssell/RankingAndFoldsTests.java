package io.insurecrm.crosssell;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RankingAndFoldsTests {

    @TempDir
    Path dir;

    @Test
    void ordersByScoreHighestFirstAndTiesByRow() throws IOException {
        StringWriter out = new StringWriter();
        Ranking.write(new double[] {0.2, 0.9, 0.2, 0.5}, out);

        assertThat(out.toString()).isEqualTo("2\t0.9000000000\n4\t0.5000000000\n1\t0.2000000000\n3\t0.2000000000\n");
    }

    @Test
    void scoresEqualToTheWrittenPrecisionAreTiesBrokenByRow() throws IOException {
        StringWriter out = new StringWriter();
        Ranking.write(new double[] {0.30000000000001, 0.3}, out);

        assertThat(out.toString()).startsWith("1\t");
        out = new StringWriter();
        Ranking.write(new double[] {0.3, 0.30000000000001}, out);
        assertThat(out.toString()).startsWith("1\t");
    }

    @Test
    void rankWritesEveryCustomerOfTheFileExactlyOnceSortedByScore() throws IOException {
        int[] labels = new int[400];
        List<short[]> book = CaravanPropensityModelTests.book(400, labels, 11);
        Path train = dir.resolve("train.txt");
        Path eval = dir.resolve("eval.txt");
        StringBuilder trainText = new StringBuilder();
        StringBuilder evalText = new StringBuilder();
        for (int i = 0; i < book.size(); i++) {
            short[] customer = book.get(i);
            String values = String.join("\t", IntStream.range(0, 85).mapToObj(c -> "" + customer[c]).toList());
            trainText.append(values).append('\t').append(labels[i]).append(i % 2 == 0 ? "\r\n" : "\r");
            if (i < 150) {
                evalText.append(values).append("\n");
            }
        }
        Files.writeString(train, trainText);
        Files.writeString(eval, evalText);
        Path out = dir.resolve("out.txt");
        CoilData data = CoilData.readTraining(train);

        CoilRank.rank(new CaravanPropensityModel().train(data.customers(), data.caravan()), CoilData.readCustomers(eval), out);

        List<String[]> lines = Files.readAllLines(out).stream().map(l -> l.split("\t")).toList();
        assertThat(lines).hasSize(150).allSatisfy(l -> assertThat(l).hasSize(2));
        assertThat(lines.stream().map(l -> Integer.parseInt(l[0])).sorted().toList())
                .isEqualTo(IntStream.rangeClosed(1, 150).boxed().toList());
        for (int r = 1; r < lines.size(); r++) {
            double before = Double.parseDouble(lines.get(r - 1)[1]);
            double after = Double.parseDouble(lines.get(r)[1]);
            assertThat(before > after || before == after && Integer.parseInt(lines.get(r - 1)[0]) < Integer.parseInt(lines.get(r)[0]))
                    .as("line %d is in order", r + 1).isTrue();
        }
    }

    @Test
    void aFileWithTheWrongColumnCountIsRefusedNamingTheFileAndLine() throws IOException {
        Path eval = dir.resolve("eval.txt");
        String ok = String.join("\t", java.util.Collections.nCopies(85, "1"));
        Files.writeString(eval, ok + "\r\n" + ok + "\t0\r\n");

        assertThatThrownBy(() -> CoilData.readCustomers(eval)).isInstanceOf(CrossSellRefused.class)
                .hasMessage(eval + ": line 2 has 86 values, expected 85");
        assertThatThrownBy(() -> CoilData.readTraining(eval)).hasMessage(eval + ": line 1 has 85 values, expected 86");
    }

    @Test
    void foldsAreStratifiedAndCoverEveryRowOnce() {
        int[] labels = new int[1003];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i % 17 == 0 ? 1 : 0;
        }
        int positives = Arrays.stream(labels).sum();
        int[] fold = StratifiedFolds.assign(labels, 5, 1);

        assertThat(fold).hasSize(labels.length);
        assertThat(Arrays.stream(fold).boxed().toList()).allMatch(f -> f >= 0 && f < 5);
        for (int f = 0; f < 5; f++) {
            int ff = f;
            long size = Arrays.stream(fold).filter(x -> x == ff).count();
            long holders = IntStream.range(0, labels.length).filter(i -> fold[i] == ff && labels[i] == 1).count();
            assertThat(size).isBetween((long) labels.length / 5, (long) labels.length / 5 + 1);
            assertThat(holders).isBetween((long) positives / 5, (long) positives / 5 + 1);
        }
        assertThat(StratifiedFolds.assign(labels, 5, 1)).containsExactly(fold);
        assertThat(StratifiedFolds.assign(labels, 5, 2)).isNotEqualTo(fold);
    }

    @Test
    void holdersFoundCountsTheTopShareOfEachHeldOutFold() {
        int[] labels = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0};
        List<short[]> customers = IntStream.range(0, labels.length).mapToObj(i -> new short[85]).toList();
        CoilData data = new CoilData(customers, labels);
        int[] fold = StratifiedFolds.assign(labels, 2, 1);
        CoilCrossValidation.Method perfect = (train, trainLabels, test) -> test.stream()
                .mapToDouble(c -> labels[customers.indexOf(c)]).toArray();

        assertThat(CoilCrossValidation.holdersFound(perfect, data, fold, 2, new long[2])).isEqualTo(2);
    }
}
