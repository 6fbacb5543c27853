package com.educonsult.crm.notifications.push;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The OAuth2 access tokens of the service accounts, kept until shortly before they expire, so that one token
 * serves every push of its hour (and every server process asks for its own only once an hour).
 */
@Component
class FcmAccessTokens {

    /** A token obtained for a service account, and until when it may be used. */
    record Cached(String token, Instant usableUntil) {
    }

    private final Map<String, Cached> byAccount = new ConcurrentHashMap<>();

    Cached get(String key, Instant now) {
        Cached cached = byAccount.get(key);
        return cached != null && now.isBefore(cached.usableUntil()) ? cached : null;
    }

    void put(String key, Cached token) {
        byAccount.put(key, token);
    }

    /** Forgets a token the provider refused (revoked, or the account's key rotated). */
    void forget(String key) {
        byAccount.remove(key);
    }
}
