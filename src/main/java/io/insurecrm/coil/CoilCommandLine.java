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
 * loads the CoIL 2000 book, waits for the need-cluster run the load starts, prints the summary and the clusters and exits
 * (0 done, 1 refused).
 */
@Component
@ConditionalOnProperty(name = "crm.coil.load", havingValue = "true")
class CoilCommandLine implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CoilCommandLine.class);
    private final CoilBook book;
    private final CoilClusters clusters;
    private final ConfigurableApplicationContext context;

    CoilCommandLine(CoilBook book, CoilClusters clusters, ConfigurableApplicationContext context) {
        this.book = book;
        this.clusters = clusters;
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
            // the load started a need-cluster run in the background when it wrote something: let it end before exiting
            while (clusters.running().isPresent()) {
                Thread.sleep(500);
            }
            clusters.current().ifPresent(run -> {
                System.out.printf("  need clusters: run %d, k %d, %d customers%n", run.id(), run.k(), run.customers());
                clusters.segments().clusters().forEach(r -> System.out.printf("    %s %s / %s: customers %d, 客均合同 %s%n",
                        r.key(), r.nameZh(), r.nameEn(), r.customers(), r.contractsPerHolder()));
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = 1;
        } catch (RuntimeException e) {
            log.error("CoIL load refused", e);
            code = 1;
        }
        int exit = code;
        System.exit(SpringApplication.exit(context, () -> exit));
    }
}
