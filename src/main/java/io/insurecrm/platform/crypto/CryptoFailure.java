package io.insurecrm.platform.crypto;

/** A value that cannot be decrypted (unknown key, altered ciphertext, wrong key) or keys that cannot be loaded. */
public class CryptoFailure extends IllegalStateException {

    public CryptoFailure(String message) {
        super(message);
    }

    public CryptoFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
