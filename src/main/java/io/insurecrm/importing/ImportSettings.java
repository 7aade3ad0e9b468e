package io.insurecrm.importing;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Import settings ({@code crm.import.*}).
 *
 * @param dir where uploaded files wait for their dry run (removed after it)
 * @param chunkSize rows committed per transaction
 * @param commitWorkers how many chunks of one job are committed at once, each in its own transaction, when the
 *                      entity's chunks are independent (policies); other entities commit with one worker
 * @param maxLineChars a CSV line longer than this refuses the file
 * @param maxFileMegabytes a larger upload is refused
 * @param retentionDays days after a job finished (committed, cancelled, failed) when its staged rows and the cells of
 *                      its error rows — the file's personal data — are removed ({@link StagingRetention})
 */
@ConfigurationProperties("crm.import")
public record ImportSettings(@DefaultValue("./data/imports") String dir, @DefaultValue("10000") int chunkSize,
                             @DefaultValue("2") int commitWorkers,
                             @DefaultValue("1048576") int maxLineChars, @DefaultValue("512") long maxFileMegabytes,
                             @DefaultValue("30") int retentionDays) {

    /** The folder as a path (bound as text: Spring's Path conversion treats relative paths as resources). */
    public Path folder() {
        return Path.of(dir);
    }
}
