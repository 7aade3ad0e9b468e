package io.insurecrm.demo;

import io.insurecrm.coil.CoilBook;
import io.insurecrm.coil.CoilSettings;

import io.insurecrm.demo.load.BookLoader.LoadResult;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * At start-up: loads the demo book when {@code crm.demo.customers} > 0 and there are no customers yet, makes sure the
 * demo sign-ins exist, and prints where to sign in and with what. Does nothing when the command line generates a book.
 */
@Component
@Order(10)
class DemoStartup implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoStartup.class);

    private final DemoSettings settings;
    private final GenerateSettings generate;
    private final DemoBook book;
    private final DemoStaff staff;
    private final Environment environment;
    private final CoilBook coil;
    private final CoilSettings coilSettings;
    private final DemoLoyalty loyalty;
    private final Clock clock;

    DemoStartup(DemoSettings settings, GenerateSettings generate, DemoBook book, DemoStaff staff, Environment environment,
                CoilBook coil, CoilSettings coilSettings, DemoLoyalty loyalty, Clock clock) {
        this.loyalty = loyalty;
        this.clock = clock;
        this.coil = coil;
        this.coilSettings = coilSettings;
        this.settings = settings;
        this.generate = generate;
        this.book = book;
        this.staff = staff;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (generate.requested()) {
            return;
        }
        if (settings.customers() > 0 && !book.hasCustomers()) {
            log.info("Generating the demo book: {} customers, seed {}", settings.customers(), settings.seed());
            LoadResult result = book.load(settings.seed(), settings.customers());
            log.info("Demo book loaded: {} rows in {} ms ({} rows/s): {}", result.counts().total(),
                    result.elapsed().toMillis(), Math.round(result.rowsPerSecond()), result.counts().rows());
            long start = System.nanoTime();
            java.util.Map<String, Integer> activity = loyalty.generate(LocalDate.now(clock));
            log.info("Loyalty programme launched on the demo book with its activity in {} ms: {}",
                    (System.nanoTime() - start) / 1_000_000, activity);
            loadCoilBesideTheDemo();
        }
        if (settings.staffUsers()) {
            print(staff.ensure());
        }
    }

    /** The real CoIL 2000 book beside the generated one, when its files are where crm.coil.dir says (a fresh demo only). */
    private void loadCoilBesideTheDemo() {
        if (!settings.loadCoil() || !java.nio.file.Files.isDirectory(coilSettings.folder())) {
            return;
        }
        try {
            CoilBook.LoadResult loaded = coil.load();
            log.info("CoIL 2000 book loaded beside the demo: {} training and {} evaluation customers",
                    loaded.trainRows(), loaded.evalRows());
        } catch (RuntimeException e) {
            log.warn("The CoIL 2000 book could not be loaded from {}: {}", coilSettings.folder(), e.getMessage());
        }
    }

    private void print(List<DemoStaff.Login> logins) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        StringBuilder text = new StringBuilder("\n\n  InsureCRM is running at http://localhost:").append(port)
                .append("\n  Demo sign-ins, all with password ").append(DemoStaff.PASSWORD).append(":\n");
        for (DemoStaff.Login login : logins) {
            text.append(String.format("    %-12s %-15s %s%n", login.username(), login.role(), login.displayName()));
        }
        log.info(text.toString());
    }
}
