package io.insurecrm.importing.source;

/**
 * The file as a whole cannot be read: empty, binary, in an unknown encoding, with an unbalanced quote or an
 * overlong line, or a damaged workbook. The message key is in {@code i18n/importing}; the argument usually names
 * the line or byte where reading stopped.
 */
public class SourceFileException extends RuntimeException {

    private final String messageKey;
    private final String argument;

    public SourceFileException(String messageKey, Object argument) {
        this(messageKey, argument, null);
    }

    public SourceFileException(String messageKey, Object argument, Throwable cause) {
        super(messageKey + (argument == null ? "" : " (" + argument + ")"), cause);
        this.messageKey = messageKey;
        this.argument = argument == null ? null : String.valueOf(argument);
    }

    public String messageKey() {
        return messageKey;
    }

    public String argument() {
        return argument;
    }
}
