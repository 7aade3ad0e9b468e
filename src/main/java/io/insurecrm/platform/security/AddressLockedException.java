package io.insurecrm.platform.security;

import org.springframework.security.authentication.LockedException;

/**
 * A sign-in refused because too many sign-ins failed from the client's address lately (any usernames), not because of
 * the username's own failures: the login page says which.
 */
public class AddressLockedException extends LockedException {

    public AddressLockedException(String message) {
        super(message);
    }
}
