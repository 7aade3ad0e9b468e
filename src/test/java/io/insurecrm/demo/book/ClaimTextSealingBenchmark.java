package io.insurecrm.demo.book;

import io.insurecrm.customer.SealedIdNumber;
import io.insurecrm.fixtures.TestCiphers;
import io.insurecrm.platform.crypto.FieldCipher;
import java.time.LocalDate;
import java.util.function.UnaryOperator;

/**
 * What sealing claim descriptions and status notes (claim/V90) costs the demo book's generator thread, and what opening
 * them costs a reader, each beside its clear baseline in the same run. Not a test:
 * {@code java -cp target/test-classes:target/classes io.insurecrm.demo.book.ClaimTextSealingBenchmark [customers=50000] [rounds=3]}.
 * The generator rounds alternate clear and sealed (ID numbers in the clear in both, so only the claim texts differ).
 */
public final class ClaimTextSealingBenchmark {

    public static void main(String[] args) {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        FieldCipher cipher = TestCiphers.cipher();
        BookSpec spec = BookSpec.of(20261202, customers, LocalDate.of(2026, 12, 2));
        long[] texts = new long[2];
        long[] best = {Long.MAX_VALUE, Long.MAX_VALUE};
        for (int round = 0; round <= rounds; round++) {   // round 0 warms the JIT up
            for (int sealed = 0; sealed < 2; sealed++) {
                UnaryOperator<String> textSealer = sealed == 1 ? cipher::seal : UnaryOperator.identity();
                long[] count = {0};
                long t0 = System.nanoTime();
                new BookGenerator(spec, id -> new SealedIdNumber(id.value(), null, id.masked(), id.gender(), id.birthDate()),
                        null, textSealer).generate((table, line) -> {
                    if (table == BookTable.CLAIM || table == BookTable.CLAIM_STATUS_CHANGE) {
                        count[0]++;
                    }
                });
                long elapsed = System.nanoTime() - t0;
                if (round > 0) {
                    best[sealed] = Math.min(best[sealed], elapsed);
                    texts[sealed] = count[0];
                }
            }
        }
        System.out.printf("generator, %d customers, %d claim and history rows: clear %.0f ms, sealed %.0f ms (best of %d), "
                        + "+%.1f%%, %.2f us per sealed text%n", customers, texts[1], best[0] / 1e6, best[1] / 1e6, rounds,
                100.0 * (best[1] - best[0]) / best[0], (best[1] - best[0]) / 1e3 / texts[1]);

        String description = "肺炎住院治疗，高血压并发症";
        String stored = cipher.seal(description);
        int n = 200_000;
        long sink = 0;
        for (int round = 0; round < 2; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += cipher.open(description).length();   // a clear value: what a reader paid before
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += cipher.open(stored).length();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += cipher.seal(description).length();
            }
            long t3 = System.nanoTime();
            if (round == 1) {
                System.out.printf("per value (%d each): open of a clear value %.3f us, open of an envelope %.2f us, "
                        + "seal %.2f us (checksum %d)%n", n, (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n,
                        sink % 1000);
            }
        }
    }
}
