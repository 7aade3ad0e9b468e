package io.insurecrm.privacy.crypto;

import io.insurecrm.platform.crypto.FieldCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * After upgrading a database from before encryption: encrypts the values still in the clear before the application
 * serves its first request (search by ID number needs their blind index). Finds nothing to do — through a partial
 * index — on every later start. Off with {@code crm.crypto.encrypt-on-start=false}.
 */
@Component
@ConditionalOnBooleanProperty(name = "crm.crypto.encrypt-on-start", matchIfMissing = true)
class EncryptionOnStart implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(EncryptionOnStart.class);

    private final FieldReencryption batch;
    private final FieldCipher cipher;

    EncryptionOnStart(FieldReencryption batch, FieldCipher cipher) {
        this.batch = batch;
        this.cipher = cipher;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!cipher.encrypting() || !batch.anyClear()) {
            return;
        }
        log.warn("Sensitive values stored in the clear were found: encrypting them under key '{}' before start-up",
                cipher.activeKeyId());
        long[] lastLogged = {0};
        batch.run(FieldReencryption.Scope.CLEAR_ONLY, run -> {
            if (run.done() - lastLogged[0] >= 50_000 || !run.running()) {
                lastLogged[0] = run.done();
                log.info("Encrypting clear values: {} of {}", run.done(), run.toDoAtStart());
            }
        });
    }
}
