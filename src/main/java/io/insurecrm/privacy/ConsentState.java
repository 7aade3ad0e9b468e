package io.insurecrm.privacy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's consents now: the latest record per purpose (absent = never asked, which counts as not granted),
 * and the whole history, newest first.
 */
public record ConsentState(long customerId, Map<ConsentPurpose, ConsentRecord> latest, List<ConsentRecord> history) {

    public ConsentState {
        latest = latest.isEmpty() ? Map.of() : new EnumMap<>(latest);
        history = List.copyOf(history);
    }

    public boolean isGranted(ConsentPurpose purpose) {
        ConsentRecord record = latest.get(purpose);
        return record != null && record.granted();
    }

    public Optional<ConsentRecord> latest(ConsentPurpose purpose) {
        return Optional.ofNullable(latest.get(purpose));
    }

    /** Every purpose in order, for pages. */
    public List<ConsentPurpose> purposes() {
        return List.of(ConsentPurpose.values());
    }
}
