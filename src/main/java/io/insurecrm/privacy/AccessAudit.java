package io.insurecrm.privacy;

import io.insurecrm.platform.security.CurrentStaff;
import io.insurecrm.platform.security.StaffPrincipal;
import io.insurecrm.platform.web.Paged;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The access audit trail: who did what to which customer's personal data, which fields, why, when and from where.
 * Rows are only ever appended (a trigger refuses UPDATE, DELETE and TRUNCATE; no code issues them), in transactions
 * of their own so an access that fails or rolls back is still on record, and each chained to the previous row by
 * a SHA-256 hash so {@link #verify()} finds the first row that was edited, removed or slipped in.
 * <p>
 * {@link #record} — the per-view path — commits in groups: the requests that arrive while one group is being
 * written wait together and are appended, in arrival order, by one writer thread in one transaction, so the chain's
 * lock and the commit are paid once per group, not once per view (the chain is linear, so appends one by one cap the
 * audited request rate at one commit each). Each caller returns only once its row is committed.
 * <p>
 * Bulk writes of personal data ({@link #recordForCustomers}, an import chunk) record their rows in their own
 * transaction but unchained, in {@code audit_pending}, taking no lock; the same writer thread moves committed pending
 * rows into the chain in batches between its groups, so views never wait for a bulk transaction's commit.
 */
@Service
public class AccessAudit {

    /** Any constant key: every append takes this transaction-level lock, so the chain stays linear. */
    private static final long CHAIN_LOCK = 0x415544_4954L;

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate jdbcTemplate;
    private final Clock clock;
    private final TransactionTemplate ownTransaction;
    private final boolean enabled;
    /** Accesses waiting to be appended by the writer, in arrival order, and requests to chain pending rows. */
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>(10_000);
    /** How often the writer looks for committed pending rows when nothing wakes it. */
    private final long chainPendingEveryNanos;
    /**
     * Pending rows moved into the chain per transaction of the writer ({@code crm.privacy.audit.chain-batch}, 200): a
     * view that arrives during a move waits for it, so the batch is kept small.
     */
    private final int moveBatch;
    private final Thread writer;
    private static final int MAX_GROUP = 500;
    private static final long WAIT_SECONDS = 30;

    AccessAudit(JdbcClient jdbc, org.springframework.jdbc.core.JdbcTemplate jdbcTemplate, Clock clock,
                PlatformTransactionManager transactions, @Value("${crm.privacy.audit.enabled:true}") boolean enabled,
                @Value("${crm.privacy.audit.chain-pending-every:1s}") java.time.Duration chainPendingEvery,
                @Value("${crm.privacy.audit.chain-batch:200}") int moveBatch) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.clock = clock;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.enabled = enabled;
        this.chainPendingEveryNanos = Math.max(1_000_000L, chainPendingEvery.toNanos());
        this.moveBatch = Math.max(1, moveBatch);
        this.writer = new Thread(this::writeGroups, "audit-writer");
        this.writer.setDaemon(true);
        if (!enabled) {
            LoggerFactory.getLogger(AccessAudit.class).warn(
                    "crm.privacy.audit.enabled=false: accesses to personal data are NOT AUDITED (benchmark baseline only)");
        }
    }

    /**
     * Records an access by the signed-in staff member (or {@code system} outside a request) from the request's address,
     * outside the caller's transaction, committed with the other accesses recorded at the same time (group commit), and
     * returns once it is committed; fails rather than returning unrecorded after 30 s. Returns null, recording nothing, only when the audit is switched off for a benchmark
     * baseline ({@code crm.privacy.audit.enabled=false}).
     */
    public AuditEntry record(AuditAction action, Long customerId, Collection<String> fields, String reason) {
        return begin(action, customerId, fields, reason).await();
    }

    /**
     * Starts recording an access and returns at once, so the caller can read the data while the row is being
     * committed; the caller must {@link Recording#await()} it before anything it read leaves the server. Who, from where
     * and when are taken now, on the caller's thread. An access whose reading then fails stays recorded (as with
     * {@link #record}, an access that fails is on record).
     */
    public Recording begin(AuditAction action, Long customerId, Collection<String> fields, String reason) {
        if (!enabled) {
            return new Recording(CompletableFuture.completedFuture(null));
        }
        StaffPrincipal staff = CurrentStaff.get().orElse(null);
        Pending pending = new Pending(actorOf(staff), roleOf(staff),
                action, customerId, fields, reason, remoteAddress(), new CompletableFuture<>());
        if (!queue.offer(pending)) {
            throw new IllegalStateException("the audit writer is stopped: the access cannot be recorded");
        }
        return new Recording(pending.done());
    }

    /** An access being recorded (see {@link #begin}). */
    public static final class Recording {

        private final CompletableFuture<AuditEntry> done;

        private Recording(CompletableFuture<AuditEntry> done) {
            this.done = done;
        }

        /**
         * Waits until the access is committed and returns its row (null when the audit is switched off for a
         * benchmark baseline); fails rather than returning unrecorded after 30 s.
         */
        public AuditEntry await() {
            try {
                return done.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the access was being recorded", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (TimeoutException e) {
                throw new IllegalStateException("the access could not be recorded within " + WAIT_SECONDS + " s", e);
            }
        }
    }

    /** What the writer thread takes from its queue. */
    private sealed interface Work permits Pending, ChainRequest, Wake {
    }

    /** An access waiting for the writer; completed with its row once the row's group is committed. */
    private record Pending(String actor, String role, AuditAction action, Long customerId, Collection<String> fields,
                           String reason, String remote, CompletableFuture<AuditEntry> done) implements Work {
    }

    /** A request to chain every pending row committed so far; completed with how many rows were moved. */
    private record ChainRequest(CompletableFuture<Integer> done) implements Work {
    }

    /** Pending rows were committed: look for them now rather than at the next periodic check. */
    private enum Wake implements Work { COMMITTED }

    /**
     * The writer thread: takes what has queued up, appends the accesses in one transaction, then answers the callers;
     * then moves committed pending rows into the chain (see {@link #movePending}) — when woken by a commit of pending
     * rows, asked by {@link #chainPending}, and otherwise every {@code crm.privacy.audit.chain-pending-every} (1 s) —
     * a batch ({@code crm.privacy.audit.chain-batch}) at a time with the queued accesses served between batches.
     */
    private void writeGroups() {
        List<Work> taken = new ArrayList<>();
        List<Pending> group = new ArrayList<>();
        // callers of chainPending: those waiting for the next sweep, and those the running sweep will answer
        List<CompletableFuture<Integer>> waitersForNextSweep = new ArrayList<>();
        List<CompletableFuture<Integer>> waitersInSweep = new ArrayList<>();
        // a pass moves pending rows in id order from a cursor, a batch a move, until a move takes less than a batch.
        // A fast pass (woken by a commit) starts after the last id moved, so it does not step over the rows already
        // deleted, which stay in the table's index until vacuumed while older transactions are open (an import's); a
        // sweep (every chain-pending-every, at start, and for chainPending) starts from the first id, so it also finds
        // rows that committed after rows with higher ids (parallel chunks, other transactions).
        boolean wanted = true;
        boolean sweepWanted = true;
        boolean sweeping = false;
        long cursor = -1;
        long movedUpTo = 0;
        long nextCheck = System.nanoTime();
        // one log line per drain of the pending rows: how many, in how many moves, how long the moves took
        int drained = 0;
        int moves = 0;
        long moveNanos = 0;
        int movedInSweep = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Work first = cursor >= 0 || wanted ? queue.poll()
                        : queue.poll(Math.max(0, nextCheck - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (first != null) {
                    taken.add(first);
                    queue.drainTo(taken, MAX_GROUP - 1);
                }
            } catch (InterruptedException e) {
                break;
            }
            for (Work work : taken) {
                if (work instanceof Pending p) {
                    group.add(p);
                } else if (work instanceof ChainRequest r) {
                    waitersForNextSweep.add(r.done());
                    wanted = true;
                    sweepWanted = true;
                } else {
                    wanted = true;
                }
            }
            taken.clear();
            if (!group.isEmpty()) {
                writeGroup(group);
                group.clear();
            }
            if (System.nanoTime() - nextCheck >= 0) {
                wanted = true;
                sweepWanted = true;
            }
            if (cursor < 0 && wanted) {
                sweeping = sweepWanted;
                cursor = sweeping ? 0 : movedUpTo;
                wanted = false;
                sweepWanted = false;
                if (sweeping) {
                    nextCheck = System.nanoTime() + chainPendingEveryNanos;
                    waitersInSweep.addAll(waitersForNextSweep);
                    waitersForNextSweep.clear();
                    movedInSweep = 0;
                }
            }
            if (cursor >= 0) {
                try {
                    long began = System.nanoTime();
                    long[] moved = movePending(moveBatch, cursor);
                    if (moved[0] > 0) {
                        cursor = moved[1];
                        movedUpTo = Math.max(movedUpTo, cursor);
                        drained += (int) moved[0];
                        movedInSweep += (int) moved[0];
                        moves++;
                        moveNanos += System.nanoTime() - began;
                    }
                    if (moved[0] < moveBatch) {
                        cursor = -1;
                        if (sweeping) {
                            for (CompletableFuture<Integer> waiter : waitersInSweep) {
                                waiter.complete(movedInSweep);
                            }
                            waitersInSweep.clear();
                        }
                        if (drained > 0 && !wanted) {
                            LoggerFactory.getLogger(AccessAudit.class).info(
                                    "Chained {} pending audit rows in {} moves of up to {}, {} ms in all", drained, moves,
                                    moveBatch, moveNanos / 1_000_000);
                            drained = 0;
                            moves = 0;
                            moveNanos = 0;
                        }
                    }
                } catch (RuntimeException e) {
                    writerHead = null;
                    cursor = -1;
                    LoggerFactory.getLogger(AccessAudit.class).warn("Could not chain pending audit rows; retried in {} ms",
                            chainPendingEveryNanos / 1_000_000, e);
                    waitersInSweep.forEach(waiter -> waiter.completeExceptionally(e));
                    waitersInSweep.clear();
                }
            }
        }
        Work left;
        while ((left = queue.poll()) != null) {
            if (left instanceof Pending p) {
                p.done().completeExceptionally(new IllegalStateException("the application is stopping"));
            } else if (left instanceof ChainRequest r) {
                r.done().completeExceptionally(new IllegalStateException("the application is stopping"));
            }
        }
        for (CompletableFuture<Integer> waiter : waitersInSweep) {
            waiter.completeExceptionally(new IllegalStateException("the application is stopping"));
        }
        for (CompletableFuture<Integer> waiter : waitersForNextSweep) {
            waiter.completeExceptionally(new IllegalStateException("the application is stopping"));
        }
    }

    /** Appends one group of accesses and answers their callers. */
    private void writeGroup(List<Pending> group) {
        try {
            List<AuditEntry> entries = appendGroup(group);
            for (int i = 0; i < group.size(); i++) {
                group.get(i).done().complete(entries.get(i));
            }
        } catch (RuntimeException groupFailed) {
            writerHead = null;
            // one bad row must not cost the others their record: each alone, in its own transaction
            for (Pending pending : group) {
                try {
                    pending.done().complete(ownTransaction.execute(status -> append(pending)));
                } catch (RuntimeException e) {
                    pending.done().completeExceptionally(e);
                }
            }
        }
    }

    private AuditEntry append(Pending p) {
        return append(p.actor(), p.role(), p.action(), p.customerId(), p.fields(), p.reason(), p.remote());
    }

    /**
     * The writer's idea of the chain's head: the last row it appended itself, or null when it must read it. Only the
     * writer thread touches it. Rows appended meanwhile by {@link #recordListing} or {@link #recordAs} (or by another
     * instance) make it stale; {@link #appendGroup} then meets their seq and starts again from the table.
     */
    private Head writerHead;

    /** How many times a group is chained again after another appender took its seq, before the group fails. */
    private static final int STALE_HEAD_RETRIES = 5;

    /**
     * Appends a group in arrival order in one statement, which is its own transaction (autocommit: one round trip
     * per group). The statement takes the chain's lock before it inserts, so it never interleaves with the locked
     * appenders, and its rows are chained in Java from {@link #writerHead}; when another appender has moved the head
     * since, the primary key on seq refuses the first row (nothing is written) and the group is chained again from
     * the head read from the table.
     */
    private List<AuditEntry> appendGroup(List<Pending> group) {
        for (int attempt = 0; ; attempt++) {
            Head head = writerHead != null ? writerHead : currentHead();
            List<AuditEntry> entries = new ArrayList<>(group.size());
            for (Pending p : group) {
                AuditEntry entry = chained(head, p.actor(), p.role(), p.action(), p.customerId(), p.fields(), p.reason(), p.remote());
                entries.add(entry);
                head = new Head(entry.seq(), entry.hash());
            }
            try {
                insertLocked(entries);
                writerHead = head;
                return entries;
            } catch (org.springframework.dao.DuplicateKeyException staleHead) {
                writerHead = null;
                if (attempt == STALE_HEAD_RETRIES) {
                    throw staleHead;
                }
            }
        }
    }

    /** The separator of a row's fields in {@link #insertLocked} (field names are identifiers: it never occurs in one). */
    private static final char FIELD_SEPARATOR = '\u001f';

    /** The field names as one text parameter (split again in SQL); a name holding the separator is refused. */
    private static String joinedFields(List<String> fields) {
        if (fields.stream().anyMatch(field -> field.indexOf(FIELD_SEPARATOR) >= 0)) {
            throw new IllegalArgumentException("an audited field name holds the separator U+001F: " + fields);
        }
        return String.join(String.valueOf(FIELD_SEPARATOR), fields);
    }

    /**
     * The columns a chained row ({@link #insertLocked}) and a pending row ({@link #insertPending}) share, one array a
     * column, one element a row, bound as the parameters at, actor, role, action, customer, fields (joined, see
     * {@link #joinedFields}), reason and remote that the insert unnests.
     */
    private static final class RowColumns {

        private final String[] at;
        private final String[] actor;
        private final String[] role;
        private final String[] action;
        private final Long[] customer;
        private final String[] fields;
        private final String[] reason;
        private final String[] remote;

        RowColumns(int rows) {
            at = new String[rows];
            actor = new String[rows];
            role = new String[rows];
            action = new String[rows];
            customer = new Long[rows];
            fields = new String[rows];
            reason = new String[rows];
            remote = new String[rows];
        }

        void set(int i, Instant occurredAt, String actor, String actorRole, String action, Long customerId,
                 List<String> fields, String reason, String remoteAddress) {
            this.at[i] = occurredAt.toString();
            this.actor[i] = actor;
            this.role[i] = actorRole;
            this.action[i] = action;
            this.customer[i] = customerId;
            this.fields[i] = joinedFields(fields);
            this.reason[i] = reason;
            this.remote[i] = remoteAddress;
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
            return statement.param("at", at).param("actor", actor).param("role", role).param("action", action)
                    .param("customer", customer).param("fields", fields).param("reason", reason).param("remote", remote);
        }
    }

    /** Inserts chained rows in one statement that first takes the chain's transaction-level lock. */
    private void insertLocked(List<AuditEntry> entries) {
        insertLocked(entries, new Long[entries.size()]);
    }

    /**
     * Inserts chained rows in one statement that first takes the chain's transaction-level lock, each with the pending
     * row it was chained from (null for none).
     */
    private void insertLocked(List<AuditEntry> entries, Long[] pendingIds) {
        int n = entries.size();
        Long[] seq = new Long[n];
        String[] prevHash = new String[n];
        String[] hash = new String[n];
        RowColumns columns = new RowColumns(n);
        for (int i = 0; i < n; i++) {
            AuditEntry e = entries.get(i);
            seq[i] = e.seq();
            columns.set(i, e.occurredAt(), e.actor(), e.actorRole(), e.action(), e.customerId(), e.fields(), e.reason(),
                    e.remoteAddress());
            prevHash[i] = e.prevHash();
            hash[i] = e.hash();
        }
        columns.bind(jdbc.sql("""
                with chain_lock as (select pg_advisory_xact_lock(:key))
                insert into audit_event (seq, occurred_at, actor, actor_role, action, customer_id, fields, reason,
                                         remote_addr, prev_hash, hash, pending_id)
                select r.seq, cast(r.at as timestamptz), r.actor, r.role, r.action, r.customer,
                       case when r.fields = '' then cast('{}' as text[]) else string_to_array(r.fields, chr(31)) end,
                       r.reason, r.remote, r.prev_hash, r.hash, r.pending
                  from chain_lock,
                       unnest(cast(:seq as bigint[]), cast(:at as text[]), cast(:actor as text[]), cast(:role as text[]),
                              cast(:action as text[]), cast(:customer as bigint[]), cast(:fields as text[]),
                              cast(:reason as text[]), cast(:remote as text[]), cast(:prevHash as text[]), cast(:hash as text[]),
                              cast(:pending as bigint[]))
                           with ordinality as r(seq, at, actor, role, action, customer, fields, reason, remote, prev_hash, hash,
                                                pending, n)
                 order by r.n"""))
                .param("key", CHAIN_LOCK).param("seq", seq).param("prevHash", prevHash).param("hash", hash)
                .param("pending", pendingIds)
                .update();
    }

    @PostConstruct
    void startWriter() {
        writer.start();
    }

    @PreDestroy
    void stopWriter() {
        writer.interrupt();
    }

    /**
     * Records that a list, search page or export showed these customers: one row for the request (the ids in its
     * reason, so the hash chain covers them; the customer when there is only one) and one {@code audit_listing} row per
     * customer, so the audit of a customer finds the lists he appeared in. Nothing is recorded for an empty list.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditEntry recordListing(Collection<Long> customerIds, Collection<String> fields, String reason) {
        List<Long> ids = customerIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return null;
        }
        StaffPrincipal staff = CurrentStaff.get().orElse(null);
        String listed = reason + "; listed " + ids.size() + ": "
                + String.join(",", ids.stream().map(String::valueOf).toList());
        AuditEntry entry = append(actorOf(staff), roleOf(staff),
                AuditAction.LIST_CUSTOMERS, ids.size() == 1 ? ids.get(0) : null, fields, listed, remoteAddress());
        jdbc.sql("insert into audit_listing (seq, customer_id) select :seq, unnest(:ids)")
                .param("seq", entry.seq()).param("ids", ids.toArray(Long[]::new)).update();
        return entry;
    }

    /**
     * Who is acting now, from where: the signed-in staff member (or {@code system} outside a request) and the request's
     * client address. Taken on the request's thread and handed to work that runs later on another thread (an import's
     * commit), so its audit rows name the person who asked for it.
     */
    public AuditActor currentActor() {
        StaffPrincipal staff = CurrentStaff.get().orElse(null);
        return new AuditActor(actorOf(staff), roleOf(staff), remoteAddress());
    }

    /** Whether accesses are recorded (false only for a benchmark baseline, {@code crm.privacy.audit.enabled=false}). */
    public boolean enabled() {
        return enabled;
    }

    /** One customer whose data a bulk operation wrote, with the fields written for him. */
    public record CustomerFields(long customerId, Collection<String> fields, String detail) {
    }

    /**
     * Records one row per customer — bulk work such as an import chunk — <b>in the caller's transaction</b>, so the
     * rows commit (or roll back) together with the data they describe, as <b>pending</b> rows: written unchained to
     * {@code audit_pending} in one statement, without the chain's lock, so accesses audited meanwhile do not wait for
     * the caller's commit. Once committed, the audit-writer thread chains them into {@code audit_event} within about a
     * second ({@link #chainPending} waits for it). The reason of each row is {@code reason} followed by the customer's
     * detail, when there is one. Returns how many rows were recorded: none when the audit is switched off for a
     * benchmark baseline.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int recordForCustomers(AuditActor actor, AuditAction action, List<CustomerFields> customers, String reason) {
        if (!enabled || customers.isEmpty()) {
            return 0;
        }
        List<PendingRow> rows = new ArrayList<>(customers.size());
        Instant at = now();
        for (CustomerFields customer : customers) {
            String why = customer.detail() == null || customer.detail().isBlank() ? reason : reason + ": " + customer.detail();
            rows.add(new PendingRow(0, at, actorName(actor.name()), actor.role(), action.name(), customer.customerId(),
                    customer.fields() == null ? List.of() : List.copyOf(customer.fields()), why, actor.remoteAddress()));
        }
        insertPending(rows);
        return rows.size();
    }

    /**
     * Like {@link #recordForCustomers} for one row that may name no customer (a job as a whole): pending, in the
     * caller's transaction. Returns whether it was recorded (false only when the audit is switched off).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean recordInTransaction(AuditActor actor, AuditAction action, Long customerId, Collection<String> fields,
                                       String reason) {
        if (!enabled) {
            return false;
        }
        insertPending(List.of(new PendingRow(0, now(), actorName(actor.name()), actor.role(), action.name(), customerId,
                fields == null ? List.of() : List.copyOf(fields), reason, actor.remoteAddress())));
        return true;
    }

    /** A row of {@code audit_pending}: recorded, not yet chained. */
    private record PendingRow(long id, Instant occurredAt, String actor, String actorRole, String action, Long customerId,
                              List<String> fields, String reason, String remoteAddress) {
    }

    /** Inserts pending rows in one statement in the current transaction and wakes the writer once they commit. */
    private void insertPending(List<PendingRow> rows) {
        RowColumns columns = new RowColumns(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            PendingRow r = rows.get(i);
            columns.set(i, r.occurredAt(), r.actor(), r.actorRole(), r.action(), r.customerId(), r.fields(), r.reason(),
                    r.remoteAddress());
        }
        columns.bind(jdbc.sql("""
                insert into audit_pending (occurred_at, actor, actor_role, action, customer_id, fields, reason, remote_addr)
                select cast(r.at as timestamptz), r.actor, r.role, r.action, r.customer,
                       case when r.fields = '' then cast('{}' as text[]) else string_to_array(r.fields, chr(31)) end,
                       r.reason, r.remote
                  from unnest(cast(:at as text[]), cast(:actor as text[]), cast(:role as text[]), cast(:action as text[]),
                              cast(:customer as bigint[]), cast(:fields as text[]), cast(:reason as text[]),
                              cast(:remote as text[]))
                           with ordinality as r(at, actor, role, action, customer, fields, reason, remote, n)
                 order by r.n"""))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    // best effort: the periodic check finds them anyway
                    queue.offer(Wake.COMMITTED);
                }
            });
        }
    }

    /**
     * Asks the writer thread to chain every pending row committed so far and waits until it has (at most
     * {@code timeout}); returns how many rows it moved meanwhile. An import's commit calls it last, so that its rows
     * are in the chain when the job shows as committed.
     */
    public int chainPending(java.time.Duration timeout) {
        CompletableFuture<Integer> done = new CompletableFuture<>();
        if (!queue.offer(new ChainRequest(done))) {
            throw new IllegalStateException("the audit writer is stopped: pending rows cannot be chained");
        }
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pending audit rows were being chained", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("pending audit rows were not chained within " + timeout, e);
        }
    }

    /**
     * Moves up to {@code limit} committed pending rows with an id above {@code after}, lowest id first, into the chain in one transaction: the chain's
     * lock, the head, the rows chained in Java and inserted with their pending id, then deleted from
     * {@code audit_pending} (which allows only that). A row already in the chain — were a move ever to stop between
     * its insert and its delete — is deleted without being chained again (and the unique pending id would refuse
     * it). Safe beside another instance's writer: both take the chain's lock, and the second reads what the first
     * left. Only the writer thread calls it. Returns how many pending rows it took and the highest id taken.
     */
    private long[] movePending(int limit, long after) {
        List<AuditEntry> chainedRows = new ArrayList<>();
        long[] result = {0, after};
        if (!jdbc.sql("select exists (select 1 from audit_pending where id > :after order by id)").param("after", after)
                .query(Boolean.class).single()) {
            return result;
        }
        Integer taken = ownTransaction.execute(status -> {
            // the lock first: rows read after it are not being moved by another instance's writer
            jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", CHAIN_LOCK).query((rs, n) -> 1).single();
            // by id, always: during an import the table is mostly rows deleted but not yet vacuumed (older transactions
            // are open), and its statistics still say small, so the planner would read all of them by a sequential scan
            jdbc.sql("set local enable_seqscan = off").update();
            List<PendingRow> rows = jdbc.sql("""
                    select p.*, exists (select 1 from audit_event e where e.pending_id = p.id) as chained
                      from audit_pending p where p.id > :after order by p.id limit :limit""")
                    .param("after", after).param("limit", limit)
                    .query((rs, n) -> rs.getBoolean("chained") ? new PendingRow(rs.getLong("id"), null, null, null, null,
                            null, List.of(), null, null) : pendingRow(rs, n))
                    .list();
            if (rows.isEmpty()) {
                return 0;
            }
            Head head = currentHead();
            List<Long> pendingIds = new ArrayList<>();
            for (PendingRow row : rows) {
                if (row.occurredAt() == null) {
                    continue;
                }
                AuditEntry entry = chained(head, row.occurredAt(), row.actor(), row.actorRole(), row.action(),
                        row.customerId(), row.fields(), row.reason(), row.remoteAddress());
                chainedRows.add(entry);
                pendingIds.add(row.id());
                head = new Head(entry.seq(), entry.hash());
            }
            if (!chainedRows.isEmpty()) {
                insertLocked(chainedRows, pendingIds.toArray(Long[]::new));
            }
            jdbc.sql("delete from audit_pending where id = any(:ids)")
                    .param("ids", rows.stream().map(PendingRow::id).toArray(Long[]::new)).update();
            result[1] = rows.get(rows.size() - 1).id();
            return rows.size();
        });
        if (!chainedRows.isEmpty()) {
            AuditEntry last = chainedRows.get(chainedRows.size() - 1);
            writerHead = new Head(last.seq(), last.hash());
        }
        result[0] = taken == null ? 0 : taken;
        return result;
    }

    private static PendingRow pendingRow(ResultSet rs, int rowNum) throws SQLException {
        Array fields = rs.getArray("fields");
        return new PendingRow(rs.getLong("id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("actor_role"), rs.getString("action"),
                rs.getObject("customer_id", Long.class), fields == null ? List.of() : List.of((String[]) fields.getArray()),
                rs.getString("reason"), rs.getString("remote_addr"));
    }

    /** Records an event whose actor is not the signed-in staff member, such as a failed sign-in. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public AuditEntry recordAs(String actor, String actorRole, AuditAction action, Long customerId,
                               Collection<String> fields, String reason) {
        return append(actor, actorRole, action, customerId, fields, reason, remoteAddress());
    }

    private AuditEntry append(String actor, String actorRole, AuditAction action, Long customerId,
                              Collection<String> fields, String reason, String remoteAddress) {
        AuditEntry entry = chained(lockedHead(), actor, actorRole, action, customerId, fields, reason, remoteAddress);
        insert(List.of(entry));
        return entry;
    }

    /** The last row of the chain. */
    private record Head(long seq, String hash) {
    }

    /**
     * Takes the chain's transaction-level lock, then reads its head — in two statements: a statement's snapshot is taken
     * when it starts, so a head read in the statement that waits for the lock could miss a row committed meanwhile.
     */
    private Head lockedHead() {
        jdbc.sql("select pg_advisory_xact_lock(:key)").param("key", CHAIN_LOCK).query((rs, n) -> 1).single();
        return currentHead();
    }

    /** The last committed row of the chain (the genesis before the first). */
    private Head currentHead() {
        return jdbc.sql("select seq, hash from audit_event order by seq desc limit 1")
                .query((rs, n) -> new Head(rs.getLong("seq"), rs.getString("hash"))).optional()
                .orElse(new Head(0, AuditHash.GENESIS));
    }

    /** The row that follows {@code head}, with its hash, occurring now. */
    private AuditEntry chained(Head head, String actor, String actorRole, AuditAction action, Long customerId,
                               Collection<String> fields, String reason, String remoteAddress) {
        // PostgreSQL keeps microseconds: hash exactly what is stored
        return chained(head, now(), actorName(actor), actorRole, action.name(), customerId,
                fields == null ? List.of() : List.copyOf(fields), reason, remoteAddress);
    }

    /** The row that follows {@code head}, with its hash. */
    private static AuditEntry chained(Head head, Instant occurredAt, String actor, String actorRole, String action,
                                      Long customerId, List<String> fields, String reason, String remoteAddress) {
        long seq = head.seq() + 1;
        String hash = AuditHash.of(head.hash(), seq, occurredAt, actor, actorRole, action, customerId, fields, reason,
                remoteAddress);
        return new AuditEntry(seq, occurredAt, actor, actorRole, action, customerId, fields, reason, remoteAddress,
                head.hash(), hash);
    }

    /** Now, truncated to what PostgreSQL keeps (microseconds), so the hash covers exactly what is stored. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String actorName(String actor) {
        return actor == null || actor.isBlank() ? "anonymous" : actor;
    }

    /** Inserts chained rows in one JDBC batch (one round trip), in the current transaction. */
    private void insert(List<AuditEntry> entries) {
        jdbcTemplate.batchUpdate("""
                insert into audit_event (seq, occurred_at, actor, actor_role, action, customer_id, fields, reason,
                                         remote_addr, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", entries, entries.size(), (ps, e) -> {
            ps.setLong(1, e.seq());
            ps.setObject(2, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
            ps.setString(3, e.actor());
            ps.setString(4, e.actorRole());
            ps.setString(5, e.action());
            ps.setObject(6, e.customerId(), Types.BIGINT);
            ps.setArray(7, ps.getConnection().createArrayOf("text", e.fields().toArray()));
            ps.setString(8, e.reason());
            ps.setString(9, e.remoteAddress());
            ps.setString(10, e.prevHash());
            ps.setString(11, e.hash());
        });
    }

    /**
     * Recomputes the whole chain in seq order and names the first row that does not fit; counts the rows recorded but
     * not yet chained (pending) and names when the oldest occurred — they do not break the chain. One snapshot for
     * both, so a row being moved meanwhile is counted once.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AuditVerification verify() {
        AuditVerification chain = verifyChain();
        return jdbc.sql("""
                select count(*) as n, min(occurred_at) as oldest from audit_pending p
                 where not exists (select 1 from audit_event e where e.pending_id = p.id)""")
                .query((rs, n) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    return chain.withPending(rs.getLong("n"), oldest == null ? null : oldest.toInstant());
                }).single();
    }

    private AuditVerification verifyChain() {
        long checked = 0;
        String prevHash = AuditHash.GENESIS;
        try (Stream<AuditEntry> stream = jdbc.sql("select * from audit_event order by seq").query(AccessAudit::entry).stream()) {
            Iterator<AuditEntry> rows = stream.iterator();
            while (rows.hasNext()) {
                AuditEntry row = rows.next();
                long expectedSeq = checked + 1;
                if (row.seq() != expectedSeq) {
                    return AuditVerification.brokenAt(checked, Math.min(row.seq(), expectedSeq), "seq " + expectedSeq + " is missing");
                }
                if (!row.prevHash().equals(prevHash)) {
                    return AuditVerification.brokenAt(checked, row.seq(), "prev_hash does not match the previous row");
                }
                String recomputed = AuditHash.of(row.prevHash(), row.seq(), row.occurredAt(), row.actor(), row.actorRole(),
                        row.action(), row.customerId(), row.fields(), row.reason(), row.remoteAddress());
                if (!row.hash().equals(recomputed)) {
                    return AuditVerification.brokenAt(checked, row.seq(), "content does not match its hash");
                }
                checked++;
                prevHash = row.hash();
            }
        }
        return AuditVerification.ok(checked);
    }

    /** One page of the search, newest first. */
    @Transactional(readOnly = true)
    public Paged<AuditEntry> search(AuditQuery query) {
        long total = filtered("select count(*) from audit_event " + WHERE, query).query(Long.class).single();
        List<AuditEntry> rows = filtered("select * from audit_event " + WHERE + " order by seq desc limit :size offset :offset", query)
                .param("size", query.size()).param("offset", (long) query.page() * query.size())
                .query(AccessAudit::entry).list();
        return new Paged<>(rows, query.page(), query.size(), total);
    }

    /**
     * The rows matching the search that are recorded but not yet chained: how many, the oldest's time, and the newest
     * {@code limit} of them (newest first).
     */
    @Transactional(readOnly = true)
    public AuditPending pending(AuditQuery query, int limit) {
        record Counted(long count, Instant oldest) {
        }
        Counted counted = filtered("select count(*) as n, min(p.occurred_at) as oldest from audit_pending p " + PENDING_WHERE, query)
                .query((rs, n) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    return new Counted(rs.getLong("n"), oldest == null ? null : oldest.toInstant());
                }).single();
        List<AuditPending.Row> newest = counted.count() == 0 || limit <= 0 ? List.of()
                : filtered("select p.* from audit_pending p " + PENDING_WHERE + " order by p.id desc limit :limit", query)
                        .param("limit", limit)
                        .query(AccessAudit::pendingListed).list();
        return new AuditPending(counted.count(), counted.oldest(), newest);
    }

    /**
     * One page of the search with the rows not yet chained (for the API), newest first: the pending rows matching the
     * search come first, newest pending id first, then the chained rows, highest seq first — the order they will have
     * once chained, as the writer chains pending rows in id order after the chain's head. Page and size count over both
     * together, and the total is both counts. One snapshot for the counts and the rows, so a row moved into the chain
     * meanwhile is listed once; between two requests a row can move from the pending part to the chained part.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Paged<AuditRow> searchWithPending(AuditQuery query) {
        long pendingCount = filtered("select count(*) from audit_pending p " + PENDING_WHERE, query).query(Long.class).single();
        long chainedCount = filtered("select count(*) from audit_event " + WHERE, query).query(Long.class).single();
        long offset = (long) query.page() * query.size();
        List<AuditRow> rows = new ArrayList<>(query.size());
        if (offset < pendingCount) {
            filtered("select p.* from audit_pending p " + PENDING_WHERE + " order by p.id desc limit :size offset :offset", query)
                    .param("size", query.size()).param("offset", offset)
                    .query(AccessAudit::pendingListed).list().forEach(row -> rows.add(AuditRow.pending(row)));
        }
        int left = query.size() - rows.size();
        if (left > 0 && offset + rows.size() < pendingCount + chainedCount) {
            filtered("select * from audit_event " + WHERE + " order by seq desc limit :size offset :offset", query)
                    .param("size", left).param("offset", Math.max(0, offset - pendingCount))
                    .query(AccessAudit::entry).list().forEach(entry -> rows.add(AuditRow.chained(entry)));
        }
        return new Paged<>(rows, query.page(), query.size(), pendingCount + chainedCount);
    }

    /**
     * Every row of the search, in the order of {@link #searchWithPending}: the pending rows (newest first), then the
     * chained rows (newest first), streamed from one snapshot (for the CSV export): a row moved into the chain while the
     * export runs is listed once.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void forEach(AuditQuery query, Consumer<AuditRow> consumer) {
        try (Stream<AuditPending.Row> rows = filtered("select p.* from audit_pending p " + PENDING_WHERE + " order by p.id desc", query)
                .query(AccessAudit::pendingListed).stream()) {
            rows.forEach(row -> consumer.accept(AuditRow.pending(row)));
        }
        try (Stream<AuditEntry> rows = filtered("select * from audit_event " + WHERE + " order by seq desc", query)
                .query(AccessAudit::entry).stream()) {
            rows.forEach(entry -> consumer.accept(AuditRow.chained(entry)));
        }
    }

    /** The search over {@code audit_pending p}: its rows not yet chained (pending rows are never lists). */
    private static final String PENDING_WHERE = """
             where not exists (select 1 from audit_event e where e.pending_id = p.id)
               and (cast(:actor as text) is null or p.actor = cast(:actor as text))
               and (cast(:customer as bigint) is null or p.customer_id = cast(:customer as bigint))
               and (cast(:action as text) is null or p.action = cast(:action as text))
               and (cast(:from as timestamptz) is null or p.occurred_at >= cast(:from as timestamptz))
               and (cast(:to as timestamptz) is null or p.occurred_at < cast(:to as timestamptz))""";

    private static AuditPending.Row pendingListed(ResultSet rs, int rowNum) throws SQLException {
        PendingRow r = pendingRow(rs, rowNum);
        return new AuditPending.Row(r.id(), r.occurredAt(), r.actor(), r.actorRole(), r.action(), r.customerId(),
                r.fields(), r.reason(), r.remoteAddress());
    }

    private static final String WHERE = """
             where (cast(:actor as text) is null or actor = cast(:actor as text))
               and (cast(:customer as bigint) is null or customer_id = cast(:customer as bigint)
                    or seq in (select l.seq from audit_listing l where l.customer_id = cast(:customer as bigint)))
               and (cast(:action as text) is null or action = cast(:action as text))
               and (cast(:from as timestamptz) is null or occurred_at >= cast(:from as timestamptz))
               and (cast(:to as timestamptz) is null or occurred_at < cast(:to as timestamptz))""";

    private JdbcClient.StatementSpec filtered(String sql, AuditQuery query) {
        return jdbc.sql(sql)
                .param("actor", query.actor(), Types.VARCHAR)
                .param("customer", query.customerId(), Types.BIGINT)
                .param("action", query.action() == null ? null : query.action().name(), Types.VARCHAR)
                .param("from", query.from() == null ? null : query.from().atStartOfDay(clock.getZone()).toOffsetDateTime(),
                        Types.TIMESTAMP_WITH_TIMEZONE)
                .param("to", query.to() == null ? null : query.to().plusDays(1).atStartOfDay(clock.getZone()).toOffsetDateTime(),
                        Types.TIMESTAMP_WITH_TIMEZONE);
    }

    private static AuditEntry entry(ResultSet rs, int rowNum) throws SQLException {
        Array fields = rs.getArray("fields");
        Long customer = rs.getObject("customer_id", Long.class);
        return new AuditEntry(rs.getLong("seq"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                rs.getString("actor"), rs.getString("actor_role"), rs.getString("action"), customer, fields == null ? List.of() : List.of((String[]) fields.getArray()),
                rs.getString("reason"), rs.getString("remote_addr"), rs.getString("prev_hash"), rs.getString("hash"));
    }

    /** The actor recorded for the signed-in staff member, or {@code system} outside a request. */
    private static String actorOf(StaffPrincipal staff) {
        return staff == null ? "system" : staff.username();
    }

    private static String roleOf(StaffPrincipal staff) {
        return staff == null ? null : staff.isIntegration() ? "INTEGRATION" : staff.role().name();
    }

    private static String remoteAddress() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getRemoteAddr();
        }
        return null;
    }
}
