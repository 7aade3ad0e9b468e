package io.insurecrm.importing;

import io.insurecrm.platform.security.DataScope;

/**
 * Who imports: a user name for the record and the data scope the rows must fall in (a branch manager imports for
 * his branch's agents and customers only; an administrator or the command line for all).
 */
public record ImportRequester(String username, DataScope scope) {

    public ImportRequester {
        if (scope.kind() == DataScope.Kind.OWN_BOOK) {
            throw new IllegalArgumentException("Agents do not import");
        }
    }

    public static ImportRequester commandLine() {
        return new ImportRequester("command-line", DataScope.all());
    }
}
