package io.insurecrm.demo.book;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** Builds one COPY text-format row; reused for every row of a run (the generator is single-threaded). */
final class Row {

    private final StringBuilder line = new StringBuilder(256);
    private boolean first = true;

    Row start() {
        line.setLength(0);
        first = true;
        return this;
    }

    private StringBuilder next() {
        if (!first) {
            line.append('\t');
        }
        first = false;
        return line;
    }

    Row nul() {
        next().append("\\N");
        return this;
    }

    Row add(long value) {
        next().append(value);
        return this;
    }

    /** An id or other optional number, 0 meaning none. */
    Row ref(long value) {
        return value == 0 ? nul() : add(value);
    }

    Row add(boolean value) {
        next().append(value ? 't' : 'f');
        return this;
    }

    Row add(String text) {
        if (text == null) {
            return nul();
        }
        StringBuilder b = next();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return this;
    }

    Row add(Enum<?> value) {
        return value == null ? nul() : add(value.name());
    }

    Row add(LocalDate date) {
        return date == null ? nul() : add(date.toString());
    }

    /** A time stamp in China Standard Time. */
    Row add(LocalDateTime time) {
        if (time == null) {
            return nul();
        }
        StringBuilder b = next();
        b.append(time.toLocalDate()).append(' ');
        two(b, time.getHour()).append(':');
        two(b, time.getMinute()).append(':');
        two(b, time.getSecond()).append("+08");
        return this;
    }

    /** An amount in fen written as yuan with two decimals. */
    Row money(long fen) {
        StringBuilder b = next().append(fen / 100).append('.');
        two(b, (int) (fen % 100));
        return this;
    }

    Row moneyOrNull(Long fen) {
        return fen == null ? nul() : money(fen);
    }

    CharSequence line() {
        return line;
    }

    private static StringBuilder two(StringBuilder b, int value) {
        if (value < 10) {
            b.append('0');
        }
        return b.append(value);
    }
}
