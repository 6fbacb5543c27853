package com.educonsult.crm.integrations.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed delivery is tried again: exponential backoff with jitter, 30 s after the first failed attempt,
 * three times longer after each further one (30 s, 1.5 min, 4.5 min, 13.5 min, 40 min, 2 h, 6 h), at most 12 h
 * apart, each delay varied by ±20 % so that deliveries failing together do not come back together. A delivery whose
 * next attempt would fall after the retry window (3 days after the event by default) is not tried again: it is
 * dead-lettered. About 13 attempts fit in 3 days.
 */
public final class RetrySchedule {

    static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    static final Duration LONGEST_DELAY = Duration.ofHours(12);
    static final double FACTOR = 3.0;
    static final double JITTER = 0.2;

    private RetrySchedule() {
    }

    /**
     * The time of the next attempt after {@code attemptsMade} failed ones, the last of them at {@code now}; empty
     * when it would fall outside the window that began when the delivery was created.
     *
     * @param random a value in [0, 1) choosing the jitter
     */
    public static Optional<Instant> next(Instant createdAt, int attemptsMade, Instant now, Duration window,
            DoubleSupplier random) {
        Instant next = now.plus(delay(attemptsMade, random.getAsDouble()));
        return next.isAfter(createdAt.plus(window)) ? Optional.empty() : Optional.of(next);
    }

    /** The delay after the given number of failed attempts (1 for the first), jitter chosen by {@code random}. */
    static Duration delay(int attemptsMade, double random) {
        double base = FIRST_DELAY.toMillis() * Math.pow(FACTOR, Math.max(0, attemptsMade - 1));
        double capped = Math.min(base, LONGEST_DELAY.toMillis());
        double jittered = capped * (1 - JITTER + 2 * JITTER * random);
        return Duration.ofMillis(Math.round(jittered));
    }

    /**
     * Whether an endpoint is to be disabled: at least {@code failuresToDisable} attempts in a row failed, and the
     * first of them is at least {@code failingFor} ago (no attempt succeeded in between).
     */
    public static boolean disables(int consecutiveFailures, Instant failingSince, Instant now, int failuresToDisable,
            Duration failingFor) {
        return consecutiveFailures >= failuresToDisable && failingSince != null
                && !failingSince.plus(failingFor).isAfter(now);
    }
}
