package io.insurecrm.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps computed figures for a short while ({@code crm.metrics.cache-ttl}), so that the start page, opened by every
 * staff member every morning, does not recompute the whole book each time. Zero turns it off. At most
 * {@code MAX_ENTRIES} entries; expired ones are dropped when a new one is stored.
 */
final class FigureCache {

    static final int MAX_ENTRIES = 2_000;

    private final Clock clock;
    private final Duration ttl;
    private final Map<Object, Entry> entries = new ConcurrentHashMap<>();

    FigureCache(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    @SuppressWarnings("unchecked")
    <T> T get(Object key, Supplier<T> compute) {
        if (ttl.isZero() || ttl.isNegative()) {
            return compute.get();
        }
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.expires())) {
            return (T) entry.value();
        }
        T value = compute.get();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(value, now.plus(ttl)));
        return value;
    }

    void clear() {
        entries.clear();
    }

    int size() {
        return entries.size();
    }

    private record Entry(Object value, Instant expires) {
    }
}
