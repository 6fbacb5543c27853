package com.educonsult.crm.messaging;

/**
 * What a provider answered to one message. SENT with the provider's message id; RETRY for what may pass later
 * (timeouts, 5xx, 429: the outbox tries again with backoff); REJECTED for a permanent refusal (invalid number,
 * unapproved template: no retry, the message fails).
 */
public record SendOutcome(Kind kind, String providerMessageId, String error) {

    public enum Kind { SENT, RETRY, REJECTED }

    public static SendOutcome sent(String providerMessageId) {
        return new SendOutcome(Kind.SENT, providerMessageId, null);
    }

    public static SendOutcome retry(String error) {
        return new SendOutcome(Kind.RETRY, null, error);
    }

    public static SendOutcome rejected(String error) {
        return new SendOutcome(Kind.REJECTED, null, error);
    }
}
