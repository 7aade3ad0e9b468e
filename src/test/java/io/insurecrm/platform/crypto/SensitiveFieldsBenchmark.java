package io.insurecrm.platform.crypto;

import io.insurecrm.customer.BankAccountNumber;
import io.insurecrm.fixtures.TestCiphers;

/**
 * The CPU cost the sensitive-field work adds per request, beside its baseline in the same run (bench/sensitive-fields.sh):
 * <ul>
 * <li>the portal health page: 30 readings opened and parsed ({@code v1:…} envelopes of {@code systolic/diastolic}) against
 * 30 readings parsed from clear text (what reading two integer columns costs is less still);</li>
 * <li>a bank account written (edit form, import row, demo customer): validate, seal, blind index, mask — against
 * validate and mask only;</li>
 * <li>a reveal: one open.</li>
 * </ul>
 * The Customer 360 shows the stored mask and does no cryptography for the account (nothing to measure). Not a test:
 * {@code java -cp target/test-classes:target/classes io.insurecrm.platform.crypto.SensitiveFieldsBenchmark [rounds=20000]}.
 */
public final class SensitiveFieldsBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        FieldCipher cipher = TestCiphers.cipher();
        String[] clear = new String[30];
        String[] sealed = new String[30];
        for (int i = 0; i < 30; i++) {
            clear[i] = (110 + i) + "/" + (70 + i);
            sealed[i] = cipher.seal(clear[i]);
        }
        String typed = "6222 0212 3456 7890";
        long sink = 0;
        for (int round = 0; round < 3; round++) {   // the first rounds warm the JIT up
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                for (String s : sealed) {
                    sink += parse(cipher.open(s));
                }
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                for (String s : clear) {
                    sink += parse(s);
                }
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                BankAccountNumber number = BankAccountNumber.parse(typed);
                sink += cipher.seal(number.value()).length() + cipher.blindIndex("customer.bank_account", number.value()).length()
                        + number.masked().length();
            }
            long t3 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                BankAccountNumber number = BankAccountNumber.parse(typed);
                sink += number.value().length() + number.masked().length();
            }
            long t4 = System.nanoTime();
            String account = cipher.seal("6222021234567890");
            for (int i = 0; i < n; i++) {
                sink += cipher.open(account).length();
            }
            long t5 = System.nanoTime();
            if (round == 2) {
                System.out.printf("health page (30 readings): opened %.1f us, clear baseline %.1f us%n",
                        (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n);
                System.out.printf("bank account write: sealed+indexed %.2f us, validate+mask baseline %.2f us%n",
                        (t3 - t2) / 1e3 / n, (t4 - t3) / 1e3 / n);
                System.out.printf("bank account reveal (open): %.2f us  (%d rounds, checksum %d)%n", (t5 - t4) / 1e3 / n, n, sink % 1000);
            }
        }
    }

    private static int parse(String reading) {
        int slash = reading.indexOf('/');
        return Integer.parseInt(reading.substring(0, slash)) + Integer.parseInt(reading.substring(slash + 1));
    }
}
