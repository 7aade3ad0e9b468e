package io.insurecrm.engagement;

import io.insurecrm.InsureCrmApplication;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The engagement benchmark (docs/benchmarks.md, "Engagement"), not a test: run it through
 * {@code bench/engagement.sh JDBC_URL [sample=1000] [messages=10000]} on a scratch copy of a book (it migrates it and
 * WRITES occasions, tasks and messages).
 * <ol>
 * <li>Outbox throughput: {@code messages} push messages to distinct customers with SERVICE consent, dispatched
 * through the HTTP gateway adapter to a local {@link StubGateway}; messages per second and distinct keys delivered —
 * first one send at a time (the sequential baseline), then with the configured send concurrency, each on its own
 * {@code messages} customers, in the same run (before the scan, so only these messages are in the outbox).</li>
 * <li>The daily trigger scan, set-based: the dry-run count per trigger over the whole book, the scan of the day
 * before (a book's first scan fires its backlog), the daily scan of an ordinary day, and a re-run that fires
 * nothing; beside it the per-customer path ({@link TriggerScan#forCustomer}) over a random sample, extrapolated to
 * the book.</li>
 * </ol>
 * With {@code sample=0} the scan is skipped (outbox only).
 */
public final class EngagementBenchmark {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: EngagementBenchmark JDBC_URL [sample=1000] [messages=10000]");
            System.exit(2);
        }
        int sample = args.length > 1 ? Integer.parseInt(args[1].replace("sample=", "")) : 1000;
        int count = args.length > 2 ? Integer.parseInt(args[2].replace("messages=", "")) : 10_000;
        try (StubGateway gateway = new StubGateway(0);
             ConfigurableApplicationContext context = new SpringApplicationBuilder(InsureCrmApplication.class)
                     .run("--server.port=0", "--spring.datasource.url=" + args[0], "--crm.demo.customers=0", "--crm.demo.staff-users=false",
                             "--crm.database.clean-before-migrate=false", "--spring.flyway.clean-disabled=true",
                             "--crm.engagement.dispatch=false", "--crm.engagement.scan=false",
                             "--crm.engagement.push-url=" + gateway.url(), "--crm.metrics.refresh-on-start=false",
                             "--crm.segmentation.recompute-on-start=false", "--crm.loyalty.evaluate-on-start=false",
                             "--logging.level.root=WARN")) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            TriggerScan scan = context.getBean(TriggerScan.class);
            OutboxDispatcher dispatcher = context.getBean(OutboxDispatcher.class);
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            long customers = jdbc.sql("select count(*) from customer").query(Long.class).single();
            System.out.println(jdbc.sql("select version()").query(String.class).single());
            System.out.printf("book: %,d customers, %,d policies, %,d claims, %,d interactions; day %s%n", customers,
                    jdbc.sql("select count(*) from policy").query(Long.class).single(),
                    jdbc.sql("select count(*) from claim").query(Long.class).single(),
                    jdbc.sql("select count(*) from interaction").query(Long.class).single(), today);

            // 1. outbox throughput to a local stub gateway: sequential baseline, then parallel sends (before the scan, so
            // only the benchmark's own messages are queued)
            EngagementSettings settings = context.getBean(EngagementSettings.class);
            OutboxDispatcher sequential = new OutboxDispatcher(jdbc, context.getBean(TransactionTemplate.class),
                    context.getBean(MessageChannels.class), context.getBean(io.insurecrm.privacy.ConsentRegistry.class),
                    settings.withSendConcurrency(1), context.getBean(java.time.Clock.class));
            outbox(jdbc, sequential, "outbox, one send at a time (baseline)", count, today, gateway, settings.batchSize());
            outbox(jdbc, dispatcher, "outbox, " + settings.sendConcurrency() + " sends at a time", count, today, gateway,
                    settings.batchSize());
            sequential.stop();

            long start;
            if (sample > 0) {
            // 2. the daily scan
            start = System.nanoTime();
            Map<String, Integer> counts = scan.dryRunCounts(today);
            System.out.printf("%-58s %,8d ms  %s%n", "dry run, set-based counts over the book", ms(start), counts);
            // the first scan a book ever has fires its backlog (every customer already past the no-contact line);
            // scanned the day before, today's scan is an ordinary day: only those who cross a line today fire
            start = System.nanoTime();
            TriggerScan.ScanResult backlog = scan.scan(today.minusDays(1));
            System.out.printf("%-58s %,8d ms  fired %s, %,d messages queued; ms per trigger %s%n",
                    "scan of the day before (first ever: fires the backlog)", ms(start), backlog.fired(),
                    backlog.messagesQueued(), backlog.millis());
            start = System.nanoTime();
            TriggerScan.ScanResult first = scan.scan(today);
            System.out.printf("%-58s %,8d ms  fired %s, %,d messages queued; ms per trigger %s%n",
                    "daily scan (an ordinary day: occasions, tasks, messages)", ms(start), first.fired(),
                    first.messagesQueued(), first.millis());
            start = System.nanoTime();
            TriggerScan.ScanResult again = scan.scan(today);
            System.out.printf("%-58s %,8d ms  fired %s; ms per trigger %s%n", "scan again, same day (fires nothing)",
                    ms(start), again.fired(), again.millis());
            List<Long> ids = jdbc.sql("select id from customer tablesample system (1) order by random() limit :n")
                    .param("n", sample).query(Long.class).list();
            ids.stream().limit(20).forEach(id -> scan.forCustomer(id, today));
            start = System.nanoTime();
            long found = 0;
            for (long id : ids) {
                found += scan.forCustomer(id, today).size();
            }
            double perCustomer = (System.nanoTime() - start) / 1e6 / ids.size();
            System.out.printf("%-58s %,8.3f ms per customer (sample %,d, %d found), extrapolated to %,d customers: %,.0f s%n",
                    "per-customer path (every trigger for one customer)", perCustomer, ids.size(), found, customers,
                    perCustomer * customers / 1000);
            }

        }
    }

    private static void outbox(JdbcClient jdbc, OutboxDispatcher dispatcher, String label, int count, LocalDate today,
                               StubGateway gateway, int batchSize) {
        long keysBefore = gateway.deliveredKeys();
        long requestsBefore = gateway.requests();
        String run = "bench-" + System.currentTimeMillis();
        int queued = jdbc.sql("""
                        insert into engagement_message (idempotency_key, customer_id, channel, recipient, purpose, body,
                               status, next_attempt_at, created_at)
                        select :run || ':' || c.id, c.id, 'PUSH', 'app:' || c.id, 'SERVICE', '您的理赔进度已更新',
                               'QUEUED', now(), now()
                          from customer c
                         where exists (select 1 from consent k where k.customer_id = c.id and k.purpose = 'SERVICE' and k.granted)
                           and not exists (select 1 from engagement_message m where m.customer_id = c.id and m.channel = 'PUSH')
                         order by c.id limit :n""")
                .param("run", run).param("n", count).update();
        Instant daytime = today.plusDays(1).atTime(10, 0).atZone(ZoneId.of("Asia/Shanghai")).toInstant();
        long start = System.nanoTime();
        int sent = 0;
        OutboxDispatcher.Round round;
        do {
            round = dispatcher.dispatch(daytime);
            sent += round.sent();
        } while (round.claimed() > 0);
        long took = ms(start);
        System.out.printf("%-58s %,8d ms  %,d queued, %,d sent, %,.0f msg/s; gateway: %,d distinct keys, %,d requests%n",
                label + " (batch " + batchSize + ")", took, queued, sent, sent * 1000.0 / Math.max(took, 1),
                gateway.deliveredKeys() - keysBefore, gateway.requests() - requestsBefore);
    }

    private static long ms(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
