package com.educonsult.crm.platform.web;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.TenantDirectory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored idempotency keys: a key is claimed by the first request that brings it, holds that request's answer
 * for {@link #RETENTION}, and is then deleted by the expiry job.
 */
@Component
public class IdempotencyKeys {

    /** How long an answer is given again to a retry with the same key. */
    static final Duration RETENTION = Duration.ofHours(24);

    /** How long a claim may stay unanswered before a retry may take it over (its node may have died). */
    static final Duration IN_PROGRESS_LEASE = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeys.class);

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final TenantDirectory tenants;

    IdempotencyKeys(DataSource dataSource, Tenancy tenancy, TenantDirectory tenants) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tenancy = tenancy;
        this.tenants = tenants;
    }

    /** Who sent a request with a key: keys of different callers never meet. */
    record Owner(UUID organizationId, UUID principalId, String key) {
    }

    /** The answer kept for a key. */
    record StoredAnswer(int status, String contentType, String location, byte[] body) {
    }

    /** What a request with a key may do. */
    sealed interface Claim {
    }

    /** The key is new (or its earlier use expired): this request runs and its answer is kept. */
    record Claimed() implements Claim {
    }

    /** The same request was answered before: give that answer again. */
    record Replay(StoredAnswer answer) implements Claim {
    }

    /** The key was used with another request. */
    record Mismatch() implements Claim {
    }

    /** The first request with the key is still being answered. */
    record InProgress() implements Claim {
    }

    Claim claim(Owner owner, String requestHash, Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<Claim> claim = tenancy.callAs(owner.organizationId(), () -> tryClaim(owner, requestHash, now));
            if (claim.isPresent()) {
                return claim.get();
            }
        }
        return new InProgress();
    }

    /** Keeps the answer for the retention time, counted from the first request. */
    void complete(Owner owner, StoredAnswer answer) {
        tenancy.runAs(owner.organizationId(), () -> jdbc.sql("""
                update idempotency_keys set status = ?, content_type = ?, location = ?, body = ?,
                       expires_at = created_at + make_interval(secs => ?)
                where organization_id = ? and principal_id = ? and key = ?""")
                .params(answer.status(), answer.contentType(), answer.location(), answer.body(),
                        RETENTION.toSeconds(), owner.organizationId(), owner.principalId(), owner.key())
                .update());
    }

    /** Forgets a claim whose answer is not kept (a server error or a passing refusal), so a retry runs again. */
    void release(Owner owner) {
        tenancy.runAs(owner.organizationId(), () -> jdbc.sql("""
                delete from idempotency_keys where organization_id = ? and principal_id = ? and key = ?""")
                .params(owner.organizationId(), owner.principalId(), owner.key())
                .update());
    }

    /** Deletes the keys expired by {@code now}, organization by organization; returns how many. */
    public int deleteExpired(Instant now) {
        int deleted = 0;
        for (UUID organizationId : tenants.organizationIds()) {
            deleted += tenancy.callAs(organizationId, () -> jdbc.sql("""
                    delete from idempotency_keys where organization_id = ? and expires_at <= ?""")
                    .params(organizationId, Timestamp.from(now))
                    .update());
        }
        if (deleted > 0) {
            log.info("Deleted {} expired idempotency key(s)", deleted);
        }
        return deleted;
    }

    /** Empty when the key vanished between the two statements (its first request was just released). */
    private Optional<Claim> tryClaim(Owner owner, String requestHash, Instant now) {
        boolean claimed = !jdbc.sql("""
                insert into idempotency_keys (organization_id, principal_id, key, request_hash, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (organization_id, principal_id, key) do update
                  set request_hash = excluded.request_hash, status = null, content_type = null, location = null,
                      body = null, created_at = excluded.created_at, expires_at = excluded.expires_at
                  where idempotency_keys.expires_at <= excluded.created_at
                returning 1""")
                .params(owner.organizationId(), owner.principalId(), owner.key(), requestHash, Timestamp.from(now),
                        Timestamp.from(now.plus(IN_PROGRESS_LEASE)))
                .query(Integer.class).list().isEmpty();
        if (claimed) {
            return Optional.of(new Claimed());
        }
        return jdbc.sql("""
                select request_hash, status, content_type, location, body from idempotency_keys
                where organization_id = ? and principal_id = ? and key = ?""")
                .params(owner.organizationId(), owner.principalId(), owner.key())
                .query((rs, row) -> existing(requestHash, rs.getString(1), (Integer) rs.getObject(2),
                        rs.getString(3), rs.getString(4), rs.getBytes(5)))
                .optional();
    }

    private static Claim existing(String requestHash, String storedHash, Integer status, String contentType,
            String location, byte[] body) {
        if (!storedHash.equals(requestHash)) {
            return new Mismatch();
        }
        if (status == null) {
            return new InProgress();
        }
        return new Replay(new StoredAnswer(status, contentType, location, body));
    }
}
