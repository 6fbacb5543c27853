package com.educonsult.crm.platform.security;

/**
 * Turns the credentials of a request into a {@link CurrentUser}. Implemented by the identity module; the
 * platform only knows where credentials are found.
 */
public interface CredentialAuthenticator {

    /** @throws InvalidCredentialsException when the token is bad, expired, revoked, or its user inactive */
    CurrentUser authenticateAccessToken(String token);

    /** @throws InvalidCredentialsException when the key is unknown, revoked or expired */
    CurrentUser authenticateApiKey(String key);

    class InvalidCredentialsException extends RuntimeException {
        public InvalidCredentialsException(String message) {
            super(message);
        }
    }
}
