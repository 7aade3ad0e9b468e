package io.insurecrm.importing;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an import job stands. UPLOADED → VALIDATED (dry run done) → COMMITTING → COMMITTED; a job is CANCELLED
 * before committing, or FAILED when its file cannot be read. A COMMITTING job that stopped (crash, kill -9) is
 * resumed by committing it again; it FAILS when its staged rows were lost (a crash of the database server empties the
 * unlogged staging table), keeping what its earlier chunks applied.
 */
public enum ImportStatus {
    UPLOADED, VALIDATED, COMMITTING, COMMITTED, CANCELLED, FAILED;

    public Set<ImportStatus> next() {
        return switch (this) {
            case UPLOADED -> EnumSet.of(VALIDATED, FAILED, CANCELLED);
            case VALIDATED -> EnumSet.of(COMMITTING, CANCELLED);
            case COMMITTING -> EnumSet.of(COMMITTING, COMMITTED, FAILED);
            case COMMITTED, CANCELLED, FAILED -> EnumSet.noneOf(ImportStatus.class);
        };
    }

    public boolean canGoTo(ImportStatus target) {
        return next().contains(target);
    }

    public boolean isFinished() {
        return next().isEmpty();
    }
}
