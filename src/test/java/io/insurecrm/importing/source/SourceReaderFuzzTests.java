package io.insurecrm.importing.source;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the CSV and XLSX readers with Jazzer. The property is the one of
 * {@link SourceFuzzTests}: any bytes are either read or refused with a SourceFileException naming an
 * {@code import.file.*} message key — never another exception, never a hang, never a null cell.
 *
 * <p>A normal test run replays the seed corpus in {@code src/test/resources/io/insurecrm/importing/source/
 * SourceReaderFuzzTestsInputs/<method>/} (valid UTF-8, GBK and semicolon files, a truncated quote, a NUL byte,
 * Latin-1, binary junk, a valid and a truncated XLSX) and takes well under a second. To fuzz for real (docs/importing.md,
 * "Fuzzing"): {@code JAZZER_FUZZ=1 ./mvnw test -Dtest=SourceReaderFuzzTests#csv} (one method at a time, for the
 * method's maxDuration); crashing inputs are written beside the seeds and replayed by every run after. The pom limits
 * Jazzer's instrumentation to this package: its agent stays in the shared test JVM.
 */
class SourceReaderFuzzTests {

    private static final int MAX_LINE = 4096;

    @FuzzTest(maxDuration = "30s")
    void csv(byte[] bytes) throws IOException {
        readOrRefuse(bytes, "fuzz.csv");
    }

    @FuzzTest(maxDuration = "30s")
    void xlsx(byte[] bytes) throws IOException {
        readOrRefuse(bytes, "fuzz.xlsx");
    }

    private static void readOrRefuse(byte[] bytes, String name) throws IOException {
        Path file = Files.createTempFile("fuzz-", name);
        try {
            Files.write(file, bytes);
            SourceFiles.Inspection inspection = SourceFiles.inspect(file, name, "AUTO");
            new SourceReader(MAX_LINE).read(file, inspection.format(), inspection.charset(), new RowSink() {
                @Override
                public void header(List<String> cells) {
                    check(cells);
                }

                @Override
                public void row(SourceRow row) {
                    assertThat(row.rowNumber()).isPositive();
                    check(row.cells());
                }
            });
        } catch (SourceFileException refused) {
            assertThat(refused.messageKey()).startsWith("import.file.");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void check(List<String> cells) {
        assertThat(cells).doesNotContainNull();
    }
}
