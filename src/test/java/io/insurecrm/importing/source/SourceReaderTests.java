package io.insurecrm.importing.source;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SourceReaderTests {

    @TempDir
    Path dir;

    private final SourceReader reader = new SourceReader(1_048_576);

    record Read(List<String> header, List<SourceRow> rows) {
    }

    private Read read(Path file) {
        SourceFiles.Inspection inspection = SourceFiles.inspect(file, file.getFileName().toString(), "AUTO");
        List<String> header = new ArrayList<>();
        List<SourceRow> rows = new ArrayList<>();
        reader.read(file, inspection.format(), inspection.charset(), new RowSink() {
            @Override
            public void header(List<String> cells) {
                header.addAll(cells);
            }

            @Override
            public void row(SourceRow row) {
                rows.add(row);
            }
        });
        return new Read(header, rows);
    }

    private Path file(String name, byte[] content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, content);
        return file;
    }

    private Path file(String name, String content, Charset charset) throws IOException {
        return file(name, content.getBytes(charset));
    }

    @Test
    void readsUtf8WithAndWithoutByteOrderMark() throws IOException {
        String text = "姓名,城市\n张三,杭州\n";
        Read plain = read(file("plain.csv", text, StandardCharsets.UTF_8));
        Read bom = read(file("bom.csv", "\uFEFF" + text, StandardCharsets.UTF_8));
        assertThat(plain.header()).containsExactly("姓名", "城市");
        assertThat(bom.header()).containsExactly("姓名", "城市");
        assertThat(bom.rows()).extracting(SourceRow::cells).containsExactly(List.of("张三", "杭州"));
        assertThat(SourceFiles.inspect(dir.resolve("bom.csv"), "bom.csv", "AUTO").charset()).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void detectsGbkWhenTheBytesAreNotUtf8() throws IOException {
        Path file = file("gbk.csv", "姓名,城市\n李四,广州\n", SourceFiles.GBK);
        assertThat(SourceFiles.inspect(file, "gbk.csv", "AUTO").charset()).isEqualTo(SourceFiles.GBK);
        assertThat(read(file).rows().get(0).cells()).containsExactly("李四", "广州");
    }

    @Test
    void gbkBytesDeclaredAsUtf8AreRefusedNamingTheByte() throws IOException {
        Path file = file("gbk.csv", "name,city\nA,广州\n", SourceFiles.GBK);
        assertThatThrownBy(() -> SourceFiles.inspect(file, "gbk.csv", "UTF-8"))
                .isInstanceOfSatisfying(SourceFileException.class, e -> {
                    assertThat(e.messageKey()).isEqualTo("import.file.notInEncoding");
                    assertThat(e.argument()).isEqualTo("UTF-8|12");
                });
    }

    @Test
    void acceptsCrlfLfAndLoneCrLineEndingsInOneFile() throws IOException {
        Read read = read(file("mixed.csv", "a,b\r\n1,2\r3,4\n5,6\r\n", StandardCharsets.UTF_8));
        assertThat(read.rows()).extracting(SourceRow::cells)
                .containsExactly(List.of("1", "2"), List.of("3", "4"), List.of("5", "6"));
        assertThat(read.rows()).extracting(SourceRow::rowNumber).containsExactly(2, 3, 4);
    }

    @Test
    void keepsNewlinesInsideQuotedFields() throws IOException {
        Read read = read(file("quoted.csv", "name,note\n\"王五\",\"第一行\n第二行, 带逗号\"\nx,y\n", StandardCharsets.UTF_8));
        assertThat(read.rows()).hasSize(2);
        assertThat(read.rows().get(0).cells().get(1)).isEqualTo("第一行\n第二行, 带逗号");
    }

    @Test
    void detectsSemicolonAndTabSeparators() throws IOException {
        assertThat(read(file("semi.csv", "a;b\n1;2\n", StandardCharsets.UTF_8)).rows().get(0).cells()).containsExactly("1", "2");
        assertThat(read(file("tab.txt", "a\tb\n1\t2\n", StandardCharsets.UTF_8)).rows().get(0).cells()).containsExactly("1", "2");
    }

    @Test
    void anUnbalancedQuoteIsRefusedNamingTheLineWhereItOpened() throws IOException {
        Path file = file("open.csv", "a,b\n1,2\n3,\"never closed\n4,5\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(SourceFileException.class, e -> {
            assertThat(e.messageKey()).isEqualTo("import.file.unbalancedQuote");
            assertThat(e.argument()).isEqualTo("3");
        });
    }

    @Test
    void anEmptyFileAndAHeaderOnlyFileAreRefused() throws IOException {
        Path empty = file("empty.csv", new byte[0]);
        assertThatThrownBy(() -> SourceFiles.inspect(empty, "empty.csv", "AUTO"))
                .isInstanceOfSatisfying(SourceFileException.class, e -> assertThat(e.messageKey()).isEqualTo("import.file.empty"));
        Path blank = file("blank.csv", "\n\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(blank))
                .isInstanceOfSatisfying(SourceFileException.class, e -> assertThat(e.messageKey()).isEqualTo("import.file.empty"));
        assertThat(read(file("header.csv", "a,b\n", StandardCharsets.UTF_8)).rows()).isEmpty();
    }

    @Test
    void binaryJunkIsRefused() throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        junk[100] = 0;
        Path file = file("junk.csv", junk);
        assertThatThrownBy(() -> SourceFiles.inspect(file, "junk.csv", "AUTO"))
                .isInstanceOfSatisfying(SourceFileException.class, e -> assertThat(e.messageKey()).isEqualTo("import.file.binary"));
        byte[] noNul = new byte[4096];
        new Random(8).nextBytes(noNul);
        for (int i = 0; i < noNul.length; i++) {
            if (noNul[i] == 0) {
                noNul[i] = (byte) 0xFF;
            }
        }
        noNul[0] = (byte) 0xFF;
        noNul[1] = (byte) 0xFF;
        Path other = file("junk2.csv", noNul);
        assertThatThrownBy(() -> SourceFiles.inspect(other, "junk2.csv", "AUTO"))
                .isInstanceOfSatisfying(SourceFileException.class, e -> assertThat(e.messageKey()).isEqualTo("import.file.unknownEncoding"));
    }

    @Test
    void aTenMegabyteLineIsRefusedWithoutReadingItIntoMemory() throws IOException {
        Path file = dir.resolve("long.csv");
        try (Writer writer = Files.newBufferedWriter(file)) {
            writer.write("a,b\n1,2\n");
            char[] block = new char[8192];
            java.util.Arrays.fill(block, 'x');
            for (int i = 0; i < 10 * 128; i++) {
                writer.write(block);
            }
            writer.write(",3\n");
        }
        assertThatThrownBy(() -> read(file)).isInstanceOfSatisfying(SourceFileException.class, e -> {
            assertThat(e.messageKey()).isEqualTo("import.file.lineTooLong");
            assertThat(e.argument()).isEqualTo("3|1048576");
        });
    }

    @Test
    void readsTheFirstSheetOfAWorkbookAndRefusesATruncatedOne() throws IOException {
        Path file = dir.resolve("book.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            XSSFSheet sheet = workbook.createSheet("客户");
            sheet.createRow(0).createCell(0).setCellValue("姓名");
            sheet.getRow(0).createCell(2).setCellValue("城市");
            sheet.createRow(1).createCell(0).setCellValue("赵六");
            sheet.getRow(1).createCell(2).setCellValue("南京");
            sheet.createRow(3).createCell(1).setCellValue(13912345678d);
            workbook.write(out);
        }
        Read read = read(file);
        assertThat(read.header()).containsExactly("姓名", "", "城市");
        assertThat(read.rows()).extracting(SourceRow::rowNumber).containsExactly(2, 4);
        assertThat(read.rows().get(0).cells()).containsExactly("赵六", "", "南京");
        assertThat(read.rows().get(1).cells()).containsExactly("", "13912345678");

        byte[] whole = Files.readAllBytes(file);
        Path truncated = file("truncated.xlsx", java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> read(truncated))
                .isInstanceOfSatisfying(SourceFileException.class, e -> assertThat(e.messageKey()).isEqualTo("import.file.badXlsx"));
    }
}
