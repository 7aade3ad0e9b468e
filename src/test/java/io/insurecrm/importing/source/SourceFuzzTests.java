package io.insurecrm.importing.source;

import io.insurecrm.platform.csv.CsvExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Property-style fuzzing of the CSV and XLSX readers with seeded random inputs (reproducible: the seed and case
 * number are in every failure): well-formed files mutated by truncation, byte flips, inserted quotes, NUL bytes,
 * re-encoding and random junk. The property: the reader either reads the file or refuses it with a
 * SourceFileException naming a message key — never another exception, never a hang. And: every value exported back
 * to CSV reads back as the same text, with no cell starting like a formula.
 */
class SourceFuzzTests {

    private static final long SEED = 20261201L;
    private static final String[] CELLS = {"张伟", "李娜", "330106198001010018", "13912345678", "浙江省", "杭州",
            "A\"B", "x,y", "多行\n文本", "=SUM(A1:A2)", "+86 139", "-5", "@cmd", "", " ", "ASCII", "\t制表"};

    @TempDir
    Path dir;

    private final SourceReader reader = new SourceReader(4096);

    /** Reads the file; returns null when it is refused properly, fails the test on any other outcome. */
    private Integer readOrRefuse(Path file, String name, String context) {
        try {
            SourceFiles.Inspection inspection = SourceFiles.inspect(file, name, "AUTO");
            return reader.read(file, inspection.format(), inspection.charset(), new RowSink() {
                @Override
                public void header(List<String> cells) {
                }

                @Override
                public void row(SourceRow row) {
                }
            });
        } catch (SourceFileException refused) {
            assertThat(refused.messageKey()).as(context).startsWith("import.file.");
            return null;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(context + ": " + e, e);
        }
    }

    private static String csv(Random random, int rows) {
        StringBuilder text = new StringBuilder("姓名,身份证号,手机号,省份,城市\r\n");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 5; c++) {
                String cell = CELLS[random.nextInt(CELLS.length)];
                text.append(c > 0 ? "," : "").append('"').append(cell.replace("\"", "\"\"")).append('"');
            }
            text.append(random.nextBoolean() ? "\r\n" : "\n");
        }
        return text.toString();
    }

    @Test
    void mutatedCsvFilesAreReadOrRefusedWithAReasonNeverCrash() throws IOException {
        Random random = new Random(SEED);
        int refused = 0;
        for (int n = 0; n < 400; n++) {
            String text = csv(random, 1 + random.nextInt(20));
            Charset charset = random.nextBoolean() ? StandardCharsets.UTF_8 : SourceFiles.GBK;
            byte[] bytes = text.getBytes(charset);
            String mutation;
            switch (n % 8) {
                case 0 -> { mutation = "truncated"; bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length)); }
                case 1 -> { mutation = "byte flips"; for (int i = 0; i < 3; i++) { bytes[random.nextInt(bytes.length)] ^= (byte) (1 + random.nextInt(255)); } }
                case 2 -> { mutation = "NUL byte"; bytes[random.nextInt(bytes.length)] = 0; }
                case 3 -> { mutation = "stray quote"; int at = random.nextInt(bytes.length); bytes = splice(bytes, at, new byte[] {'"'}); }
                case 4 -> { mutation = "binary junk"; bytes = new byte[random.nextInt(3000)]; random.nextBytes(bytes); }
                case 5 -> { mutation = "latin-1 text"; bytes = ("name,city\n" + "Müller,Köln\n".repeat(1 + random.nextInt(5))).getBytes(StandardCharsets.ISO_8859_1); }
                case 6 -> { mutation = "long line"; bytes = ("a,b\n" + "x".repeat(3000 + random.nextInt(8000)) + ",y\n").getBytes(StandardCharsets.UTF_8); }
                default -> mutation = "none";
            }
            Path file = dir.resolve("fuzz-" + n + ".csv");
            Files.write(file, bytes);
            if (readOrRefuse(file, "fuzz.csv", "seed " + SEED + " case " + n + " (" + mutation + ")") == null) {
                refused++;
            }
        }
        assertThat(refused).as("some mutations must be refused").isGreaterThan(50);
    }

    @Test
    void emptyAndWhitespaceFilesAreRefused() throws IOException {
        for (byte[] bytes : List.of(new byte[0], new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, "\r\n\r\n".getBytes())) {
            Path file = dir.resolve("empty.csv");
            Files.write(file, bytes);
            Integer rows = readOrRefuse(file, "empty.csv", "empty");
            assertThat(rows == null || rows == 0).isTrue();
        }
    }

    @Test
    void aTenMegabyteLineIsRefusedWithoutBufferingIt() throws IOException {
        Path file = dir.resolve("huge.csv");
        byte[] line = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(line, (byte) 'x');
        Files.write(file, splice("a,b\n".getBytes(), 4, line));
        try {
            SourceFiles.Inspection inspection = SourceFiles.inspect(file, "huge.csv", "AUTO");
            reader.read(file, inspection.format(), inspection.charset(), new RowSink() {
                @Override
                public void header(List<String> cells) {
                }

                @Override
                public void row(SourceRow row) {
                }
            });
            fail("a 10 MB line must be refused");
        } catch (SourceFileException e) {
            assertThat(e.messageKey()).isEqualTo("import.file.lineTooLong");
        }
    }

    @Test
    void damagedXlsxFilesAreRefusedWithAReason() throws IOException {
        Random random = new Random(SEED);
        for (int n = 0; n < 60; n++) {
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (ZipOutputStream out = new ZipOutputStream(zip)) {
                out.putNextEntry(new ZipEntry(n % 2 == 0 ? "xl/workbook.xml" : "[Content_Types].xml"));
                byte[] junk = new byte[random.nextInt(500)];
                random.nextBytes(junk);
                out.write(junk);
                out.closeEntry();
            }
            byte[] bytes = zip.toByteArray();
            if (n % 3 == 0) {
                bytes = java.util.Arrays.copyOf(bytes, Math.max(4, random.nextInt(bytes.length)));
            }
            Path file = dir.resolve("fuzz-" + n + ".xlsx");
            Files.write(file, bytes);
            assertThat(readOrRefuse(file, "fuzz.xlsx", "seed " + SEED + " xlsx case " + n)).isNull();
        }
    }

    @Test
    void everyValueExportedToCsvReadsBackUnchangedAndNeverAsAFormula() throws IOException {
        Random random = new Random(SEED);
        for (int n = 0; n < 300; n++) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                StringBuilder value = new StringBuilder();
                String starts = "=+-@\t\r\"',;\n 张x1";
                value.append(starts.charAt(random.nextInt(starts.length())));
                for (int j = random.nextInt(12); j > 0; j--) {
                    value.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(95) : 0x4E00 + random.nextInt(2000)));
                }
                values.add(value.toString());
            }
            StringWriter out = new StringWriter();
            try (CsvExport export = CsvExport.to(out, List.of("a", "b", "c", "d", "e", "f"))) {
                export.row(values.toArray());
            }
            List<CSVRecord> records = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(out.toString().substring(1))).getRecords();
            assertThat(records).hasSize(1);
            for (int i = 0; i < values.size(); i++) {
                String cell = records.get(0).get(i);
                assertThat("=+-@\t\r".indexOf(cell.charAt(0))).as("case %d cell %s", n, cell).isLessThan(0);
                String original = values.get(i);
                assertThat(cell).isEqualTo("=+-@\t\r".indexOf(original.charAt(0)) >= 0 ? "'" + original : original);
            }
        }
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] result = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(bytes, at, result, at + insert.length, bytes.length - at);
        return result;
    }
}
