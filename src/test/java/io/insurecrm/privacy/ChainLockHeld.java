package io.insurecrm.privacy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds the audit chain's advisory lock on a connection of its own until closed: the audit writer cannot chain pending
 * rows meanwhile (nor append, so nothing that records an access may be called while it is held).
 */
public final class ChainLockHeld implements AutoCloseable {

    /** The chain's advisory lock key (AccessAudit.CHAIN_LOCK). */
    public static final long CHAIN_LOCK = 0x415544_4954L;

    private final CountDownLatch held = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread thread;

    public ChainLockHeld(PlatformTransactionManager transactions, JdbcClient jdbc) throws InterruptedException {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        thread = new Thread(() -> tx.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", CHAIN_LOCK).query((rs, n) -> 1).single();
            held.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "holds-chain-lock");
        thread.start();
        assertThat(held.await(30, TimeUnit.SECONDS)).as("the chain's lock taken").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        thread.join();
    }
}
