package io.insurecrm.claim;

import java.util.List;
import java.util.Objects;

/**
 * A flag another module sets on a claim: a stable code for integrations and a message key (in the flagging module's
 * bundle, zh-CN and en) with its arguments for the staff page.
 */
public record ClaimFlag(String code, String messageKey, List<Object> arguments) {

    public ClaimFlag {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(messageKey, "messageKey");
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    public Object[] args() {
        return arguments.toArray();
    }
}
