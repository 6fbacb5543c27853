package com.educonsult.crm.analytics.events;

import static com.educonsult.crm.jooq.Tables.ANALYTICS_PUBLIC_KEYS;

import com.educonsult.crm.integrations.WebForms;
import com.educonsult.crm.jooq.tables.records.AnalyticsPublicKeysRecord;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.swagger.v3.oas.annotations.media.Schema;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization's public key for events sent from its website: one per organization, issued and rotated by an
 * administrator, with the origins whose pages may send events with it. The key is public (it is in the website's
 * pages), so it is stored as it is, like a web form's key; it is found without a tenant through
 * {@code analytics_key_route()}. What a node read of a key is kept briefly, since every preflight and every batch
 * asks; a change on this node drops it at once.
 */
@Service
public class PublicKeys {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{20,64}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_ORIGINS = 20;

    /** A key as the events endpoint needs it. */
    record SiteKey(UUID organizationId, String key, Set<String> allowedOrigins, int perIpPerMinute) {
        boolean allows(String origin) {
            return origin != null && allowedOrigins.contains(origin.toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Schema(name = "AnalyticsPublicKey")
    public record KeyView(String publicKey, List<String> allowedOrigins, int perIpPerMinute, OffsetDateTime createdAt,
            OffsetDateTime rotatedAt) {
    }

    @Schema(name = "AnalyticsPublicKeyRequest")
    public record KeyRequest(
            @Schema(description = "Origins whose pages may send events, such as https://www.example.com (at most 20); "
                    + "left out: unchanged (none for a new key)") List<String> allowedOrigins,
            @Schema(description = "Requests one visitor address may send per minute; left out: unchanged (120 for a "
                    + "new key)", minimum = "1", maximum = "100000") Integer perIpPerMinute) {
    }

    private final DSLContext db;
    private final Tenancy tenancy;
    private final AuditTrail audit;
    private final Cache<String, Optional<SiteKey>> cache;

    PublicKeys(DSLContext db, Tenancy tenancy, AuditTrail audit, EventsProperties properties) {
        this.db = db;
        this.tenancy = tenancy;
        this.audit = audit;
        this.cache = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(properties.keyCacheTtl()).build();
    }

    /** The key's organization and settings; empty for a string that is no organization's key. */
    Optional<SiteKey> find(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            return Optional.empty();
        }
        return cache.get(key, this::load);
    }

    private Optional<SiteKey> load(String key) {
        UUID organizationId = db.select(DSL.field("analytics_key_route({0})", UUID.class, key)).fetchOne().value1();
        if (organizationId == null) {
            return Optional.empty();
        }
        return tenancy.callAs(organizationId, () -> db.selectFrom(ANALYTICS_PUBLIC_KEYS)
                .where(ANALYTICS_PUBLIC_KEYS.ORGANIZATION_ID.eq(organizationId),
                        ANALYTICS_PUBLIC_KEYS.PUBLIC_KEY.eq(key))
                .fetchOptional()
                .map(k -> new SiteKey(organizationId, key, new LinkedHashSet<>(Arrays.asList(k.getAllowedOrigins())),
                        k.getPerIpPerMinute())));
    }

    @Transactional(readOnly = true)
    public KeyView current(CurrentUser user) {
        return find(user).orElseThrow(() -> ApiException.notFound("Public key"));
    }

    /** The organization's key; empty while none has been issued. */
    @Transactional(readOnly = true)
    public Optional<KeyView> find(CurrentUser user) {
        return existing(user).map(PublicKeys::view);
    }

    /** Issues the organization's key, or a new one in place of the old (which stops working at once). */
    @Transactional
    public KeyView issue(CurrentUser user, KeyRequest request) {
        Optional<AnalyticsPublicKeysRecord> before = existing(user);
        AnalyticsPublicKeysRecord key = before.map(AnalyticsPublicKeysRecord::copy)
                .orElseGet(() -> {
                    AnalyticsPublicKeysRecord fresh = db.newRecord(ANALYTICS_PUBLIC_KEYS);
                    fresh.setOrganizationId(user.organizationId());
                    fresh.setAllowedOrigins(new String[0]);
                    fresh.setPerIpPerMinute(120);
                    fresh.setCreatedBy(user.userId());
                    fresh.setCreatedAt(OffsetDateTime.now());
                    return fresh;
                });
        key.setOrganizationId(user.organizationId());
        apply(key, request == null ? new KeyRequest(null, null) : request);
        key.setPublicKey(newKey());
        key.setRotatedAt(OffsetDateTime.now());
        db.insertInto(ANALYTICS_PUBLIC_KEYS).set(key)
                .onConflict(ANALYTICS_PUBLIC_KEYS.ORGANIZATION_ID).doUpdate().set(key).execute();
        before.ifPresent(old -> cache.invalidate(old.getPublicKey()));
        audit.record(before.isPresent() ? "analytics_key.rotated" : "analytics_key.created", "analytics_public_key",
                user.organizationId(), before.map(PublicKeys::auditView).orElse(null), auditView(key));
        return view(key);
    }

    /** Changes the origins or the per-address limit of the current key, keeping the key. */
    @Transactional
    public KeyView update(CurrentUser user, KeyRequest request) {
        AnalyticsPublicKeysRecord before = existing(user).orElseThrow(() -> ApiException.notFound("Public key"));
        AnalyticsPublicKeysRecord key = before.copy();
        key.setOrganizationId(before.getOrganizationId());
        key.setPublicKey(before.getPublicKey());
        apply(key, request);
        db.update(ANALYTICS_PUBLIC_KEYS)
                .set(ANALYTICS_PUBLIC_KEYS.ALLOWED_ORIGINS, key.getAllowedOrigins())
                .set(ANALYTICS_PUBLIC_KEYS.PER_IP_PER_MINUTE, key.getPerIpPerMinute())
                .where(ANALYTICS_PUBLIC_KEYS.ORGANIZATION_ID.eq(user.organizationId()))
                .execute();
        cache.invalidate(before.getPublicKey());
        audit.record("analytics_key.updated", "analytics_public_key", user.organizationId(), auditView(before),
                auditView(key));
        return view(key);
    }

    /** Removes the key: the website's events are refused from now on. */
    @Transactional
    public void revoke(CurrentUser user) {
        AnalyticsPublicKeysRecord before = existing(user).orElseThrow(() -> ApiException.notFound("Public key"));
        db.deleteFrom(ANALYTICS_PUBLIC_KEYS)
                .where(ANALYTICS_PUBLIC_KEYS.ORGANIZATION_ID.eq(user.organizationId())).execute();
        cache.invalidate(before.getPublicKey());
        audit.record("analytics_key.revoked", "analytics_public_key", user.organizationId(), auditView(before), null);
    }

    private Optional<AnalyticsPublicKeysRecord> existing(CurrentUser user) {
        return db.selectFrom(ANALYTICS_PUBLIC_KEYS)
                .where(ANALYTICS_PUBLIC_KEYS.ORGANIZATION_ID.eq(user.organizationId()))
                .fetchOptional();
    }

    private static void apply(AnalyticsPublicKeysRecord key, KeyRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request.allowedOrigins() != null) {
            if (request.allowedOrigins().size() > MAX_ORIGINS) {
                errors.add(new FieldError("allowed_origins", "must list at most " + MAX_ORIGINS + " origins"));
            }
            Set<String> origins = new LinkedHashSet<>();
            for (int i = 0; i < request.allowedOrigins().size(); i++) {
                String origin = WebForms.normalizedOrigin(request.allowedOrigins().get(i));
                if (origin == null) {
                    errors.add(new FieldError("allowed_origins[" + i + "]",
                            "must be an origin such as https://www.example.com (scheme, host and port only)"));
                } else {
                    origins.add(origin);
                }
            }
            key.setAllowedOrigins(origins.toArray(String[]::new));
        }
        if (request.perIpPerMinute() != null) {
            if (request.perIpPerMinute() < 1 || request.perIpPerMinute() > 100_000) {
                errors.add(new FieldError("per_ip_per_minute", "must be between 1 and 100000"));
            }
            key.setPerIpPerMinute(request.perIpPerMinute());
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT,
                    errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
    }

    private static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "pk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyView view(AnalyticsPublicKeysRecord key) {
        return new KeyView(key.getPublicKey(), List.of(key.getAllowedOrigins()), key.getPerIpPerMinute(),
                key.getCreatedAt(), key.getRotatedAt());
    }

    private static java.util.Map<String, Object> auditView(AnalyticsPublicKeysRecord key) {
        return java.util.Map.of("public_key", key.getPublicKey(), "allowed_origins", List.of(key.getAllowedOrigins()),
                "per_ip_per_minute", key.getPerIpPerMinute());
    }
}
