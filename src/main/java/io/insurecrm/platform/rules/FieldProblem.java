package io.insurecrm.platform.rules;

import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * What is wrong with one field of a proposed rule version: the field ({@code minZ}, {@code reason}, {@code basedOn}),
 * a message key and its arguments. An argument may itself be a message (the record's or the field's label, see
 * {@link #label}), resolved in the reader's language when the problem is rendered.
 */
public record FieldProblem(String field, String code, List<Object> arguments) {

    public FieldProblem {
        arguments = List.copyOf(arguments);
    }

    public static FieldProblem of(String field, String code, Object... arguments) {
        return new FieldProblem(field, code, List.of(arguments));
    }

    /** A message key as an argument: rendered in the reader's language. */
    public static DefaultMessageSourceResolvable label(String key) {
        return new DefaultMessageSourceResolvable(new String[] {key}, key);
    }

    /** The problem in a language. */
    public String message(MessageSource messages, java.util.Locale locale) {
        return messages.getMessage(code, arguments.toArray(), code, locale);
    }
}
