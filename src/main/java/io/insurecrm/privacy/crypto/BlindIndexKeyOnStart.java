package io.insurecrm.privacy.crypto;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Checks at start which blind index key the database's index columns are under (see {@link BlindIndexRotation}). */
@Component
class BlindIndexKeyOnStart implements SmartInitializingSingleton {

    private final BlindIndexRotation rotation;

    BlindIndexKeyOnStart(BlindIndexRotation rotation) {
        this.rotation = rotation;
    }

    @Override
    public void afterSingletonsInstantiated() {
        rotation.checkKeyOnStart();
    }
}
