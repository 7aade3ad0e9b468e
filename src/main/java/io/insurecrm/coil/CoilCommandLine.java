package io.insurecrm.coil;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar insurecrm.jar --server.port=0 --crm.coil.load=true [--crm.coil.dir=...]}
 * loads the CoIL 2000 book, prints its summary and exits (0 done, 1 refused).
 */
@Component
@ConditionalOnProperty(name = "crm.coil.load", havingValue = "true")
class CoilCommandLine implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CoilCommandLine.class);
    private final CoilBook book;
    private final ConfigurableApplicationContext context;

    CoilCommandLine(CoilBook book, ConfigurableApplicationContext context) {
        this.book = book;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        int code = 0;
        try {
            CoilBook.LoadResult result = book.load();
            System.out.printf("CoIL 2000 loaded: %d TRAIN + %d EVAL rows; %d customers and %d holdings written, %d removed%n",
                    result.trainRows(), result.evalRows(), result.customersWritten(), result.holdingsWritten(),
                    result.holdingsRemoved());
            for (CoilSummary.Book b : book.summary().books()) {
                System.out.printf("  %-5s customers %d, holding >=1 policy %d, policies %d, 客均合同 %s%n", b.source(),
                        b.customers(), b.holders(), b.policies(), b.contractsPerHolder());
            }
        } catch (RuntimeException e) {
            log.error("CoIL load refused", e);
            code = 1;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }
}
