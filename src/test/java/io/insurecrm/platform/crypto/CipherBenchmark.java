package io.insurecrm.platform.crypto;

import io.insurecrm.fixtures.TestCiphers;

/**
 * The CPU cost of one seal, one open and one blind index of an ID number on this machine (bench/privacy-overhead.sh
 * prints it beside the HTTP figures). Not a test: {@code java -cp target/test-classes:target/classes
 * io.insurecrm.platform.crypto.CipherBenchmark [iterations=200000]}.
 */
public final class CipherBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        FieldCipher cipher = TestCiphers.cipher();
        String id = "11010519491231002X";
        String sealed = cipher.seal(id);
        long sink = 0;
        for (int round = 0; round < 2; round++) {   // the first round warms the JIT up
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += cipher.seal(id).length();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += cipher.open(sealed).length();
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                sink += cipher.blindIndex("customer.id_number", id).length();
            }
            long t3 = System.nanoTime();
            if (round == 1) {
                System.out.printf("seal %.2f us, open %.2f us, blind index %.2f us per value (%d each, checksum %d)%n",
                        (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n, n, sink % 1000);
            }
        }
    }
}
