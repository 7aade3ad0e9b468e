package io.insurecrm.crosssell;

import io.insurecrm.coil.CoilFileReader;
import io.insurecrm.coil.CoilFileRefused;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The customers of one CoIL 2000 file, in file order; with labels when it is a training file (86 columns). */
record CoilData(List<short[]> customers, int[] caravan) {

    static final int TRAIN_COLUMNS = 86;
    static final int EVAL_COLUMNS = 85;

    static CoilData readTraining(Path file) {
        List<short[]> rows = read(file, TRAIN_COLUMNS);
        int[] labels = new int[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i)[TRAIN_COLUMNS - 1];
            if (labels[i] != 0 && labels[i] != 1) {
                throw CrossSellRefused.input(file.toString(), "row " + (i + 1) + ": CARAVAN must be 0 or 1, was " + labels[i], null);
            }
        }
        return new CoilData(rows, labels);
    }

    static List<short[]> readCustomers(Path file) {
        return read(file, EVAL_COLUMNS);
    }

    static List<short[]> read(Path file, int columns) {
        List<short[]> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            CoilFileReader.read(reader, columns, (row, values) -> rows.add(values));
        } catch (CoilFileRefused e) {
            throw CrossSellRefused.input(file.toString(), e.getMessage(), e);
        } catch (IOException e) {
            throw CrossSellRefused.input(file.toString(), "cannot be read (" + e + ")", e);
        }
        if (rows.isEmpty()) {
            throw CrossSellRefused.input(file.toString(), "holds no customers", null);
        }
        return rows;
    }
}
