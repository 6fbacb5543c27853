package com.educonsult.crm.identity;

import com.educonsult.crm.platform.web.ApiException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/** bcrypt hashes and the password policy: at least 10 characters, not the email (nor its local part). */
@Component
class Passwords {

    static final int MIN_LENGTH = 10;
    private static final int MAX_LENGTH = 128;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    /** Compared against when the user does not exist, so an unknown login costs the same time as a wrong password. */
    private final String decoyHash = encoder.encode("decoy-password-for-timing");

    String hash(String password) {
        return encoder.encode(password);
    }

    boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH) {
            return false;
        }
        return encoder.matches(password, hash == null ? decoyHash : hash);
    }

    void checkPolicy(String field, String password, String email) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw ApiException.invalid(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw ApiException.invalid(field, "must be at most " + MAX_LENGTH + " characters");
        }
        if (email != null) {
            String lower = password.toLowerCase();
            String localPart = email.toLowerCase().split("@")[0];
            if (lower.equals(email.toLowerCase()) || lower.equals(localPart)) {
                throw ApiException.invalid(field, "must not be the email address");
            }
        }
    }
}
