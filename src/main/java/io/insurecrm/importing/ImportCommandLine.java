package io.insurecrm.importing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Imports a file from the command line and exits:
 * <pre>java -jar insurecrm.jar --server.port=0 --crm.import.file=customers.csv
 *      [--crm.import.profile=customers] [--crm.import.encoding=AUTO|UTF-8|GBK] [--crm.import.commit=true]</pre>
 * or resumes a commit that stopped: {@code --crm.import.resume=<job id>}. Prints the dry-run counts and writes the
 * invalid rows beside the input file. Exit code 0 when done, 2 when the file was refused, 1 on any other error.
 */
@Component
@ConditionalOnExpression("'${crm.import.file:}' != '' or '${crm.import.resume:}' != ''")
class ImportCommandLine implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportCommandLine.class);

    private final ImportManagement imports;
    private final Environment environment;
    private final ConfigurableApplicationContext context;

    ImportCommandLine(ImportManagement imports, Environment environment, ConfigurableApplicationContext context) {
        this.imports = imports;
        this.environment = environment;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code;
        try {
            code = execute();
        } catch (RuntimeException e) {
            log.error("Import failed", e);
            code = 1;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    int execute() {
        ImportRequester requester = ImportRequester.commandLine();
        String resume = environment.getProperty("crm.import.resume", "");
        if (!resume.isBlank()) {
            ImportJob job = imports.commit(Long.parseLong(resume.strip()), requester.scope());
            print(job);
            return 0;
        }
        Path file = Path.of(environment.getProperty("crm.import.file"));
        String profile = environment.getProperty("crm.import.profile", "customers");
        String encoding = environment.getProperty("crm.import.encoding", "AUTO");
        boolean commit = environment.getProperty("crm.import.commit", Boolean.class, false);
        ImportJob job;
        try (InputStream in = Files.newInputStream(file)) {
            job = imports.upload(file.getFileName().toString(), in, profile, encoding, requester);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        print(job);
        if (job.status() == ImportStatus.FAILED) {
            return 2;
        }
        if (job.rowsInvalid() > 0) {
            Path errors = file.resolveSibling(imports.errorFileName(job));
            try (OutputStream out = Files.newOutputStream(errors)) {
                imports.writeErrorFile(job.id(), out, Locale.SIMPLIFIED_CHINESE, requester.scope());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.println("Invalid rows written to " + errors.toAbsolutePath());
        }
        if (commit) {
            print(imports.commit(job.id(), requester.scope()));
        } else {
            System.out.println("Dry run only; commit with --crm.import.resume=" + job.id() + " or on /imports/" + job.id());
        }
        return 0;
    }

    private void print(ImportJob job) {
        System.out.printf("Import job %d: %s, %s %s, %d rows: %d to create, %d to update, %d unchanged, %d invalid;"
                        + " committed %d created, %d updated%n",
                job.id(), job.status(), job.fileFormat(), job.encoding() == null ? "" : job.encoding(), job.rowsTotal(),
                job.rowsToCreate(), job.rowsToUpdate(), job.rowsUnchanged(), job.rowsInvalid(), job.rowsCreated(),
                job.rowsUpdated());
        if (job.failure() != null) {
            System.out.println("Reason: " + imports.failureText(job, Locale.SIMPLIFIED_CHINESE));
        }
    }
}
