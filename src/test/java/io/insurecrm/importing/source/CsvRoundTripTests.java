package io.insurecrm.importing.source;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: whatever cells a spreadsheet writes (separators, quotes, CR/LF inside cells, Chinese text, blanks), in
 * UTF-8 or GBK with any record separator, the reader gives back exactly those cells and row numbers.
 */
class CsvRoundTripTests {

    private static final String ALPHABET = "ab,;\"'\r\n \t=+-@中文客户張三1234567890";

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomRecordsRoundTrip(long seed) throws IOException {
        Random random = new Random(seed);
        int columns = 1 + random.nextInt(6);
        List<List<String>> records = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            header.add("col" + c);
        }
        int rows = 1 + random.nextInt(40);
        for (int r = 0; r < rows; r++) {
            List<String> record = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                StringBuilder cell = new StringBuilder();
                int length = random.nextInt(12);
                for (int i = 0; i < length; i++) {
                    cell.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                record.add(cell.toString());
            }
            if (record.stream().allMatch(String::isEmpty)) {
                record.set(0, "x");
            }
            records.add(record);
        }
        Charset charset = random.nextBoolean() ? StandardCharsets.UTF_8 : SourceFiles.GBK;
        String separator = List.of("\r\n", "\n", "\r").get(random.nextInt(3));
        Path file = dir.resolve("random-" + seed + ".csv");
        try (Writer writer = Files.newBufferedWriter(file, charset);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator(separator).get())) {
            printer.printRecord(header);
            for (List<String> record : records) {
                printer.printRecord(record);
            }
        }
        SourceFiles.Inspection inspection = SourceFiles.inspect(file, file.getFileName().toString(), charset.name());
        List<List<String>> read = new ArrayList<>();
        new SourceReader(1 << 20).read(file, inspection.format(), inspection.charset(), new RowSink() {
            @Override
            public void header(List<String> cells) {
                assertThat(cells).isEqualTo(header);
            }

            @Override
            public void row(SourceRow row) {
                assertThat(row.rowNumber()).isEqualTo(read.size() + 2);
                read.add(row.cells());
            }
        });
        assertThat(read).isEqualTo(records);
    }
}
