package io.insurecrm.privacy.web;

import io.insurecrm.privacy.crypto.BlindIndexRotation;
import io.insurecrm.privacy.crypto.FieldReencryption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state of the encrypted fields as the API returns it and the encryption page shows it. */
final class EncryptionStatus {

    private EncryptionStatus() {
    }

    /** The active key, per encrypted column how many values are under which key, what is left to do, the run. */
    static Map<String, Object> reencryption(FieldReencryption batch) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("activeKey", batch.activeKey());
        List<FieldReencryption.ColumnStatus> columns = batch.status();
        status.put("columns", columns);
        status.put("toDo", columns.stream().mapToLong(FieldReencryption.ColumnStatus::toDo).sum());
        status.put("run", batch.currentRun());
        return status;
    }

    /** Whether a next blind index key is configured, both fingerprints, per column filled and to do, the fill. */
    static Map<String, Object> blindIndex(BlindIndexRotation rotation) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("rotating", rotation.rotating());
        status.put("currentKey", rotation.currentKeyFingerprint());
        status.put("nextKey", rotation.nextKeyFingerprint());
        List<BlindIndexRotation.ColumnStatus> columns = rotation.status();
        status.put("columns", columns);
        status.put("toDo", columns.stream().mapToLong(BlindIndexRotation.ColumnStatus::toDo).sum());
        status.put("run", rotation.currentRun());
        return status;
    }
}
