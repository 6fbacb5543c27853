package com.educonsult.crm.identity;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory token buckets per client IP: each IP gets {@code perHour} actions, refilled evenly over the hour. */
final class OtpRateLimiter {

    /** Bounds memory under a flood of addresses; forgetting every bucket at worst lets an IP start afresh. */
    private static final int MAX_TRACKED = 100_000;

    private final int perHour;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    OtpRateLimiter(int perHour) {
        this.perHour = perHour;
    }

    boolean tryAcquire(String ip) {
        if (buckets.size() > MAX_TRACKED) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(ip == null ? "unknown" : ip, key -> newBucket()).tryConsume(1);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)))
                .build();
    }
}
