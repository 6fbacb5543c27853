package com.educonsult.crm.platform;

import java.security.SecureRandom;
import java.util.UUID;

/** UUIDv7 ids: time-ordered, so new rows land at the end of their index. */
public final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID newId() {
        long millis = System.currentTimeMillis();
        long randomA = RANDOM.nextLong();
        long randomB = RANDOM.nextLong();
        long mostSignificant = (millis << 16) | 0x7000L | (randomA & 0x0FFFL);
        long leastSignificant = (randomB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
