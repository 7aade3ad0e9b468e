package io.insurecrm.platform.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.context.MessageSource;

/**
 * A save of a rule version refused because the form was based on version {@code basedOn} while version
 * {@code activeVersion} has been saved since, by {@code savedBy} at {@code savedAt}: 409 on the API, the form shown
 * again with the message on the page. {@code recordKey} is the message key of the rules' label; {@code messageCode}
 * the refusal's message (rules.stale, or one of the same arguments that tells what the page does next).
 */
public class StaleRuleVersion extends RuntimeException {

    /** How an API documents its answer to this refusal (the 409 problem ApiProblems writes). */
    public static final String API_409 = "Made from another version than the active one (another was saved since "
            + "basedOnVersion): nothing is saved; the problem (urn:insurecrm:problem:rules-changed) names `activeVersion`, "
            + "`activeBy`, `activeAt` and `basedOnVersion`";

    /** The refusal's message when the caller names none. */
    public static final String MESSAGE = "rules.stale";

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final String recordKey;
    private final String messageCode;
    private final int basedOn;
    private final int activeVersion;
    private final String savedBy;
    private final Instant savedAt;

    public StaleRuleVersion(String recordKey, int basedOn, int activeVersion, String savedBy, Instant savedAt) {
        this(recordKey, MESSAGE, basedOn, activeVersion, savedBy, savedAt);
    }

    /**
     * With a message of its own: arguments the rules' label, the active version, who saved it, when, and the version
     * the refused save was based on, as rules.stale.
     */
    public StaleRuleVersion(String recordKey, String messageCode, int basedOn, int activeVersion, String savedBy, Instant savedAt) {
        super(recordKey + ": based on version " + basedOn + " but version " + activeVersion + " was saved by " + savedBy
                + " at " + savedAt);
        this.recordKey = recordKey;
        this.messageCode = messageCode;
        this.basedOn = basedOn;
        this.activeVersion = activeVersion;
        this.savedBy = savedBy;
        this.savedAt = savedAt;
    }

    public int basedOn() {
        return basedOn;
    }

    public int activeVersion() {
        return activeVersion;
    }

    public String savedBy() {
        return savedBy;
    }

    public Instant savedAt() {
        return savedAt;
    }

    /** Who saved which version when, and what the form was based on, in a language; times in the given zone. */
    public String message(MessageSource messages, java.util.Locale locale, ZoneId zone) {
        return problem(zone).message(messages, locale);
    }

    /** The refusal as a problem of the field basedOnVersion (a page shows it beside the other problems). */
    public FieldProblem problem(ZoneId zone) {
        return FieldProblem.of("basedOnVersion", messageCode, FieldProblem.label(recordKey), activeVersion, savedBy,
                AT.format(savedAt.atZone(zone)), basedOn);
    }
}
