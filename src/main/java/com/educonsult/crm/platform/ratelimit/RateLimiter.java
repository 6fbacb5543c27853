package com.educonsult.crm.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Token buckets in PostgreSQL, one per key, each holding {@code limit} requests refilled evenly over a minute.
 * A node takes tokens from the shared bucket in leases of a twentieth of the limit (one locked read and one
 * write, in one transaction) and hands them out locally: most requests cost no database round trip, and since
 * every token handed out was taken from the shared bucket, a limit holds across nodes (a node may hold at most
 * one lease unused). A refused key is refused locally until its retry time.
 */
@Component
public class RateLimiter {

    private static final Duration PERIOD = Duration.ofMinutes(1);
    private static final int REMOVE_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
    private final Cache<String, Lease> leases = Caffeine.newBuilder()
            .maximumSize(100_000).expireAfterAccess(PERIOD).build();

    RateLimiter(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_buckets")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /** What one request's consumption found. */
    public record Decision(boolean allowed, int limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

    /**
     * Takes one request from the bucket of {@code key}, which holds {@code perMinute} requests. The bucket's key
     * includes the limit, so a changed plan starts a bucket of the new size.
     */
    public Decision consume(String key, int perMinute) {
        String bucketKey = key + ":" + perMinute;
        Lease lease = leases.get(bucketKey, k -> new Lease(remoteBucket(k, perMinute), perMinute));
        synchronized (lease) {
            return lease.take(System.nanoTime());
        }
    }

    /** Deletes the buckets that are full again (no longer needed); returns how many. */
    public int removeFullBuckets() {
        int removed = 0;
        int batch;
        do {
            batch = buckets.removeExpired(REMOVE_BATCH);
            removed += batch;
        } while (batch == REMOVE_BATCH);
        return removed;
    }

    private BucketProxy remoteBucket(String key, int perMinute) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(perMinute).refillGreedy(perMinute, PERIOD))
                .build();
        return buckets.builder().build(key, () -> configuration);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return Math.floorDiv(dividend + divisor - 1, divisor);
    }

    /** This node's share of one shared bucket: tokens taken and not yet handed out. */
    private static final class Lease {
        private final BucketProxy bucket;
        private final int limit;
        private final long size;
        private long unspent;
        private long sharedRemaining;
        private long takenAt;
        private long refusedUntil;

        Lease(BucketProxy bucket, int limit) {
            this.bucket = bucket;
            this.limit = limit;
            this.size = Math.max(1, limit / 20);
        }

        Decision take(long now) {
            if (now - refusedUntil < 0) {
                return refusal(refusedUntil - now);
            }
            if (unspent == 0 || now - takenAt > PERIOD.toNanos()) {
                ConsumptionProbe probe = takeFromSharedBucket();
                if (!probe.isConsumed()) {
                    unspent = 0;
                    sharedRemaining = 0;
                    refusedUntil = now + probe.getNanosToWaitForRefill();
                    return refusal(probe.getNanosToWaitForRefill());
                }
                takenAt = now;
            }
            unspent--;
            long remaining = sharedRemaining + unspent;
            return new Decision(true, limit, remaining, ceilDiv((limit - remaining) * PERIOD.toSeconds(), limit), 0);
        }

        /** A lease of the full size, or of one token when the bucket is nearly empty. */
        private ConsumptionProbe takeFromSharedBucket() {
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(size);
            unspent = size;
            if (!probe.isConsumed() && size > 1) {
                probe = bucket.tryConsumeAndReturnRemaining(1);
                unspent = 1;
            }
            sharedRemaining = probe.getRemainingTokens();
            return probe;
        }

        private Decision refusal(long nanosToWait) {
            return new Decision(false, limit, 0, PERIOD.toSeconds(), Math.max(1, ceilDiv(nanosToWait, 1_000_000_000L)));
        }
    }
}
