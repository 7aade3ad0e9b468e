package io.insurecrm.demo;

import io.insurecrm.demo.load.BookLoader.LoadResult;
import io.insurecrm.demo.load.PlainCopyBenchmark;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code --crm.generate.customers=N [--crm.generate.seed=S] [--crm.generate.replace=true] [--crm.generate.bench-dir=DIR]}:
 * generates a book of N customers into the configured database, prints what it did, and exits (status 0, or 1 when
 * the database already has customers and replace was not asked for, or the load failed).
 */
@Component
@Order(0)
class GenerateBookCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GenerateBookCommand.class);

    private final GenerateSettings settings;
    private final DemoSettings demo;
    private final DemoBook book;
    private final DemoStaff staff;
    private final DataSource dataSource;
    private final ConfigurableApplicationContext context;

    GenerateBookCommand(GenerateSettings settings, DemoSettings demo, DemoBook book, DemoStaff staff,
                        DataSource dataSource, ConfigurableApplicationContext context) {
        this.settings = settings;
        this.demo = demo;
        this.book = book;
        this.staff = staff;
        this.dataSource = dataSource;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (!settings.requested()) {
            return;
        }
        int status = 0;
        try {
            status = generate();
        } catch (RuntimeException e) {
            log.error("Generating the book failed", e);
            status = 1;
        }
        int exit = status;
        System.exit(SpringApplication.exit(context, () -> exit));
    }

    private int generate() throws Exception {
        long seed = settings.seed() != null ? settings.seed() : demo.seed();
        if (book.hasCustomers()) {
            if (!settings.replace()) {
                log.error("The database already has customers: run with --crm.generate.replace=true to replace the book");
                return 1;
            }
            log.info("Emptying the book tables");
            book.empty();
        }
        resetPeaks();
        LoadResult result = book.load(seed, settings.customers());
        long peakHeap = peakHeap();
        StringBuilder report = new StringBuilder("\n");
        report.append(String.format("BOOK customers=%d seed=%d rows=%d%n", settings.customers(), seed, result.counts().total()));
        result.counts().rows().forEach((table, rows) -> report.append(String.format("BOOK table %-20s %,12d%n", table.tableName(), rows)));
        report.append(String.format("BOOK generate+load: %.1f s, %,.0f rows/s, peak heap %d MB (max heap %d MB)%n",
                result.elapsed().toNanos() / 1e9, result.rowsPerSecond(), peakHeap >> 20, Runtime.getRuntime().maxMemory() >> 20));
        if (settings.benchDir() != null && !settings.benchDir().isBlank()) {
            PlainCopyBenchmark.Result plain = new PlainCopyBenchmark(dataSource).run(result.spec(), Path.of(settings.benchDir()));
            report.append(String.format("BOOK dump of the same rows to files: %.1f s (%s)%n", plain.dump().toNanos() / 1e9,
                    plain.counts().equals(result.counts()) ? "same row counts" : "DIFFERENT row counts"));
            report.append(String.format("BOOK plain COPY from files into empty copies: %.1f s, %,.0f rows/s%n",
                    plain.copy().toNanos() / 1e9, plain.rowsPerSecond()));
        }
        if (demo.staffUsers()) {
            staff.ensure();
        }
        log.info(report.toString());
        return 0;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
