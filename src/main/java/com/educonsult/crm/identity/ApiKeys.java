package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.API_KEYS;
import static com.educonsult.crm.jooq.Tables.PERMISSIONS;

import com.educonsult.crm.jooq.tables.records.ApiKeysRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for integrators. A key is shown once, stored as its SHA-256, and acts with its scopes: never more
 * than the permissions of the user who created it, checked again at every use.
 */
@Service
public class ApiKeys {

    static final String PREFIX = "ek";
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    public record ApiKeyView(UUID id, String name, String keyPrefix, List<String> scopes, UUID createdBy,
            OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime expiresAt, OffsetDateTime revokedAt) {
    }

    /** A new key: the only time its secret is returned. */
    public record CreatedApiKey(UUID id, String name, String key, String keyPrefix, List<String> scopes,
            OffsetDateTime createdAt, OffsetDateTime expiresAt) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final Principals principals;
    private final com.github.benmanes.caffeine.cache.Cache<UUID, OffsetDateTime> usesRecorded =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder().maximumSize(100_000)
                    .expireAfterWrite(LAST_USED_RESOLUTION).build();
    private final AuditTrail audit;
    private final Clock clock;

    ApiKeys(DSLContext db, Tenancy tenancy, Principals principals, AuditTrail audit, Clock clock) {
        this.db = db;
        this.tenancy = tenancy;
        this.principals = principals;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The principal of a live key: read once, then kept by this server until the key, its creator or their roles
     * change (see {@link Principals}). The key's last use is written at most once a minute per server.
     */
    Optional<CurrentUser> authenticate(String key) {
        Optional<UUID> organizationId = TenantTokens.organizationOf(PREFIX, key);
        if (organizationId.isEmpty()) {
            return Optional.empty();
        }
        UUID organization = organizationId.get();
        byte[] hash = TenantTokens.hash(key);
        Principals.ApiKeyPrincipal principal = principals.apiKeys().get(organization,
                java.util.HexFormat.of().formatHex(hash), found -> found.user().userId(),
                () -> tenancy.callAs(organization, () -> load(organization, hash)));
        OffsetDateTime now = now();
        if (principal == null || (principal.expiresAt() != null && !principal.expiresAt().isAfter(now))) {
            return Optional.empty();
        }
        recordUse(organization, principal.user().apiKeyId(), now);
        return Optional.of(principal.user());
    }

    private Principals.ApiKeyPrincipal load(UUID organizationId, byte[] hash) {
        ApiKeysRecord apiKey = db.selectFrom(API_KEYS)
                .where(API_KEYS.ORGANIZATION_ID.eq(organizationId), API_KEYS.KEY_HASH.eq(hash),
                        API_KEYS.REVOKED_AT.isNull(), API_KEYS.EXPIRES_AT.isNull().or(API_KEYS.EXPIRES_AT.gt(now())))
                .fetchOne();
        if (apiKey == null) {
            return null;
        }
        return principals.load(organizationId, apiKey.getCreatedBy(), null, apiKey.getId(), null,
                Arrays.asList(apiKey.getScopes()))
                .map(user -> new Principals.ApiKeyPrincipal(user, apiKey.getExpiresAt()))
                .orElse(null);
    }

    /** Writes the key's last use when this server has not written it within the last minute. */
    private void recordUse(UUID organizationId, UUID apiKeyId, OffsetDateTime now) {
        if (usesRecorded.getIfPresent(apiKeyId) != null) {
            return;
        }
        usesRecorded.put(apiKeyId, now);
        tenancy.runAs(organizationId, () -> db.update(API_KEYS).set(API_KEYS.LAST_USED_AT, now)
                .where(API_KEYS.ORGANIZATION_ID.eq(organizationId), API_KEYS.ID.eq(apiKeyId),
                        API_KEYS.LAST_USED_AT.isNull().or(API_KEYS.LAST_USED_AT.lt(now.minus(LAST_USED_RESOLUTION))))
                .execute());
    }

    @Transactional(readOnly = true)
    public List<ApiKeyView> list(UUID organizationId) {
        return db.selectFrom(API_KEYS).where(API_KEYS.ORGANIZATION_ID.eq(organizationId))
                .orderBy(API_KEYS.CREATED_AT.desc())
                .fetch(ApiKeys::view);
    }

    @Transactional
    public CreatedApiKey create(CurrentUser creator, String name, List<String> scopes, OffsetDateTime expiresAt) {
        Set<String> requested = new TreeSet<>(scopes);
        Set<String> unknown = new TreeSet<>(requested);
        unknown.removeAll(db.select(PERMISSIONS.CODE).from(PERMISSIONS).fetch(PERMISSIONS.CODE));
        if (!unknown.isEmpty()) {
            throw ApiException.invalid("scopes", "names unknown permissions: " + unknown);
        }
        Set<String> beyondCreator = new TreeSet<>(requested);
        beyondCreator.removeAll(creator.permissions());
        if (!beyondCreator.isEmpty()) {
            throw ApiException.invalid("scopes", "may only name permissions you hold; not held: " + beyondCreator);
        }
        if (expiresAt != null && !expiresAt.isAfter(now())) {
            throw ApiException.invalid("expires_at", "must be in the future");
        }
        String key = TenantTokens.mint(PREFIX, creator.organizationId());
        ApiKeysRecord saved = db.insertInto(API_KEYS)
                .set(API_KEYS.ORGANIZATION_ID, creator.organizationId())
                .set(API_KEYS.ID, Ids.newId())
                .set(API_KEYS.NAME, name.trim())
                .set(API_KEYS.KEY_PREFIX, key.substring(0, 12))
                .set(API_KEYS.KEY_HASH, TenantTokens.hash(key))
                .set(API_KEYS.SCOPES, requested.toArray(String[]::new))
                .set(API_KEYS.CREATED_BY, creator.userId())
                .set(API_KEYS.EXPIRES_AT, expiresAt)
                .returning()
                .fetchSingle();
        ApiKeyView view = view(saved);
        audit.record("api_key.created", "api_key", saved.getId(), null, view);
        return new CreatedApiKey(saved.getId(), saved.getName(), key, saved.getKeyPrefix(), view.scopes(),
                saved.getCreatedAt(), saved.getExpiresAt());
    }

    @Transactional
    public void revoke(UUID organizationId, UUID id) {
        principals.changed(organizationId);
        ApiKeysRecord existing = db.selectFrom(API_KEYS)
                .where(API_KEYS.ORGANIZATION_ID.eq(organizationId), API_KEYS.ID.eq(id), API_KEYS.REVOKED_AT.isNull())
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("API key"));
        OffsetDateTime now = now();
        db.update(API_KEYS).set(API_KEYS.REVOKED_AT, now)
                .where(API_KEYS.ORGANIZATION_ID.eq(organizationId), API_KEYS.ID.eq(id))
                .execute();
        ApiKeyView before = view(existing);
        existing.setRevokedAt(now);
        audit.record("api_key.revoked", "api_key", id, before, view(existing));
    }

    private static ApiKeyView view(ApiKeysRecord key) {
        return new ApiKeyView(key.getId(), key.getName(), key.getKeyPrefix(), List.of(key.getScopes()),
                key.getCreatedBy(), key.getCreatedAt(), key.getLastUsedAt(), key.getExpiresAt(), key.getRevokedAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
