package io.insurecrm.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FigureCacheTests {

    private Instant now = Instant.parse("2026-03-15T01:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneId.of("Asia/Shanghai");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final AtomicInteger computed = new AtomicInteger();

    @Test
    void reusesAFigureUntilItExpires() {
        FigureCache cache = new FigureCache(clock, Duration.ofMinutes(5));
        assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(1);
        now = now.plusSeconds(299);
        assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(1);
        assertThat(cache.get("b", computed::incrementAndGet)).isEqualTo(2);
        now = now.plusSeconds(1);
        assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(3);
    }

    @Test
    void zeroTurnsItOff() {
        FigureCache cache = new FigureCache(clock, Duration.ZERO);
        cache.get("a", computed::incrementAndGet);
        assertThat(cache.get("a", computed::incrementAndGet)).isEqualTo(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void staysBounded() {
        FigureCache cache = new FigureCache(clock, Duration.ofMinutes(5));
        for (int i = 0; i <= FigureCache.MAX_ENTRIES; i++) {
            cache.get(i, computed::incrementAndGet);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(FigureCache.MAX_ENTRIES);
        cache.clear();
        assertThat(cache.size()).isZero();
    }
}
