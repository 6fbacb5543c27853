package com.educonsult.crm.notifications.push;

import java.time.Duration;

/**
 * What the push provider answered for one device token.
 *
 * @param retryAfter how long the provider asked to wait (Retry-After), or null
 */
record PushOutcome(Result result, Integer httpStatus, String error, Duration retryAfter) {

    enum Result {
        /** the provider took it */
        SENT,
        /** the token is no longer valid: forget it */
        TOKEN_GONE,
        /** a passing failure (throttled, provider down, timeout): try again later */
        RETRY,
        /** the provider refused the message for good */
        REJECTED
    }

    static PushOutcome sent(int status) {
        return new PushOutcome(Result.SENT, status, null, null);
    }
}
