package io.insurecrm.importing;

import io.insurecrm.importing.source.SourceRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The row-by-row checks every row handler shares: reading a mapped cell (stripped, blank as null, the formula
 * guard, a length limit), required fields, choices with Chinese labels, decimals and dates. Every problem of the
 * row is reported (one reason per cell); {@link #valid()} tells whether the row may be staged.
 */
abstract class RowCheck {

    private static final List<DateTimeFormatter> DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("yyyy/M/d"), DateTimeFormatter.ofPattern("yyyy.M.d"),
            DateTimeFormatter.ofPattern("yyyyMMdd"), DateTimeFormatter.ofPattern("yyyy年M月d日"),
            DateTimeFormatter.ofPattern("M/d/yy"));

    /** A signed number is data, not a formula (the range or amount check judges it). */
    private static final java.util.regex.Pattern PLAIN_NUMBER = java.util.regex.Pattern.compile("[+-][0-9][0-9.,]*");

    protected final SourceRow row;
    private final Map<String, Integer> columns;
    private final RowErrors errors;
    private final Set<String> rejected = new HashSet<>();
    private boolean valid = true;

    RowCheck(SourceRow row, Map<String, Integer> columns, RowErrors errors) {
        this.row = row;
        this.columns = columns;
        this.errors = errors;
    }

    final boolean valid() {
        return valid;
    }

    /** The cell stripped, null when blank; an apostrophe our own export put before a formula character is removed. */
    final String text(String field, int maxLength) {
        Integer column = columns.get(field);
        if (column == null) {
            return null;
        }
        String value = row.cell(column).strip();
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > 1 && value.charAt(0) == '\'' && "=+-@".indexOf(value.charAt(1)) >= 0) {
            value = value.substring(1);
        }
        if ("=+-@".indexOf(value.charAt(0)) >= 0 && !formulaAllowed(field) && !PLAIN_NUMBER.matcher(value).matches()) {
            reject(field, "import.error.formula", null);
            return null;
        }
        if (value.length() > maxLength) {
            reject(field, "import.error.tooLong", maxLength);
            return null;
        }
        return value;
    }

    /** Fields whose values may start with a formula character (e.g. +86 phone numbers). */
    boolean formulaAllowed(String field) {
        return false;
    }

    final <T> T required(T value, String field) {
        if (value == null && !rejected.contains(field)) {
            reject(field, "import.error.required", null);
        }
        return value;
    }

    final <E extends Enum<E>> E choice(String field, Class<E> type, Map<String, String> chinese) {
        String value = text(field, 40);
        if (value == null) {
            return null;
        }
        String name = chinese.getOrDefault(value, value.toUpperCase(Locale.ROOT));
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>(chinese.keySet().stream().sorted().toList());
            for (E constant : type.getEnumConstants()) {
                allowed.add(constant.name());
            }
            reject(field, "import.error.choice", String.join("/", allowed));
            return null;
        }
    }

    /** A non-negative amount with at most two decimals (thousands separators and a ¥ sign are accepted). */
    final BigDecimal amount(String field) {
        String value = text(field, 30);
        if (value == null) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.replace(",", "").replace("¥", "").replace("￥", "").strip());
            if (amount.signum() < 0 || amount.scale() > 2 || amount.precision() - amount.scale() > 12) {
                reject(field, "import.error.amount", null);
                return null;
            }
            return amount;
        } catch (NumberFormatException e) {
            reject(field, "import.error.amount", null);
            return null;
        }
    }

    final Integer integer(String field, int min, int max) {
        String value = text(field, 12);
        if (value == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                reject(field, "import.error.range", min + "|" + max);
                return null;
            }
            return number;
        } catch (NumberFormatException e) {
            reject(field, "import.error.range", min + "|" + max);
            return null;
        }
    }

    /** A date as 2026-03-01, 2026/3/1, 2026.3.1, 20260301 or 2026年3月1日 (a time part is ignored). */
    final LocalDate date(String field) {
        String value = text(field, 30);
        if (value == null) {
            return null;
        }
        LocalDate date = parseDate(value);
        if (date == null) {
            reject(field, "import.error.date", null);
        }
        return date;
    }

    /** A date and time as 2026-03-01 14:30[:00] (or T between); a date alone is midnight. */
    final LocalDateTime dateTime(String field) {
        String value = text(field, 30);
        if (value == null) {
            return null;
        }
        String normal = value.replace('T', ' ').replace('/', '-');
        try {
            if (normal.length() <= 10) {
                LocalDate date = parseDate(value);
                if (date != null) {
                    return date.atStartOfDay();
                }
            } else {
                return LocalDateTime.parse(normal.length() == 16 ? normal + ":00" : normal,
                        DateTimeFormatter.ofPattern("yyyy-M-d H:mm:ss"));
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        reject(field, "import.error.dateTime", null);
        return null;
    }

    private static LocalDate parseDate(String value) {
        String date = value.length() > 10 && value.charAt(10) == ' ' ? value.substring(0, 10) : value;
        for (DateTimeFormatter format : DATES) {
            try {
                LocalDate parsed = LocalDate.parse(date, format);
                if (parsed.getYear() >= 1900 && parsed.getYear() <= 2200) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // next format
            }
        }
        return null;
    }

    /** False when the field already has an error (e.g. too long), so one cell gets one reason. */
    final boolean ok(String field) {
        return !rejected.contains(field);
    }

    final boolean mapped(String field) {
        return columns.containsKey(field);
    }

    /** The row's cells as the staged row keeps them for the set-based checks' errors: sealed ({@link RowErrors}). */
    final String sealedCells() {
        return errors.sealedCells(row);
    }

    final void reject(String field, String key, Object argument) {
        valid = false;
        rejected.add(field);
        errors.add(row, columns.getOrDefault(field, -1), key, argument);
    }
}
