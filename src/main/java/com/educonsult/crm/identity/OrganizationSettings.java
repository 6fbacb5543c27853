package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ORGANIZATIONS;

import com.educonsult.crm.jooq.tables.records.OrganizationsRecord;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The settings of the current organization. The organizations table has no row-level security (it is the
 * tenant registry), so every query here names the organization itself.
 */
@Service
public class OrganizationSettings {

    /** Plan, expiry and quota are shown but changed only through billing. */
    public record OrganizationView(UUID id, String name, String slug, String email, String phone, String website,
            String address, String city, String state, String country, String logoUrl, Map<String, Object> settings,
            String timeZone, String currency, int recordingRetentionDays, String subscriptionPlan,
            OffsetDateTime subscriptionExpiresAt, long storageQuotaBytes, OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {
    }

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private final DSLContext db;
    private final Users users;
    private final AuditTrail audit;
    private final Clock clock;

    private final Organizations organizations;

    OrganizationSettings(DSLContext db, Users users, AuditTrail audit, Clock clock, Organizations organizations) {
        this.db = db;
        this.organizations = organizations;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public OrganizationView get(UUID organizationId) {
        return view(find(organizationId));
    }

    @Transactional
    public OrganizationView update(UUID organizationId, OrganizationRequests.Update request, MergePatch patch) {
        organizations.changed(organizationId);
        OrganizationsRecord organization = find(organizationId);
        OrganizationView before = view(organization);
        if (request.name() != null) {
            organization.setName(request.name().trim());
        }
        patch.apply("country", request.country(), OrganizationSettings::country, organization::setCountry);
        patch.applyText("email", request.email() == null ? null : request.email().toLowerCase(),
                organization::setEmail);
        patch.apply("phone", request.phone(), raw -> Authentication.normalizedPhone("phone", raw,
                Organizations.phoneRegion(organization)), organization::setPhone);
        applyTexts(organization, request, patch);
        if (patch.clears("settings")) {
            organization.setSettings(users.toJsonb(Map.of()));
        } else if (request.settings() != null) {
            organization.setSettings(users.toJsonb(MergePatch.mergeObject(
                    users.preferences(organization.getSettings()), request.settings())));
        }
        if (request.timeZone() != null) {
            organization.setTimeZone(Authentication.checkedTimeZone(request.timeZone()));
        }
        if (request.currency() != null) {
            organization.setCurrency(currency(request.currency()));
        }
        if (request.recordingRetentionDays() != null) {
            organization.setRecordingRetentionDays(request.recordingRetentionDays());
        }
        organization.setUpdatedAt(now());
        db.update(ORGANIZATIONS).set(organization).where(ORGANIZATIONS.ID.eq(organizationId)).execute();
        OrganizationView after = view(find(organizationId));
        audit.record("organization.updated", "organization", organizationId, before, after);
        return after;
    }

    private static void applyTexts(OrganizationsRecord organization, OrganizationRequests.Update request,
            MergePatch patch) {
        patch.applyText("website", request.website(), organization::setWebsite);
        patch.applyText("address", request.address(), organization::setAddress);
        patch.applyText("city", request.city(), organization::setCity);
        patch.applyText("state", request.state(), organization::setState);
        patch.applyText("logo_url", request.logoUrl(), organization::setLogoUrl);
    }

    private static String country(String raw) {
        if (raw.isBlank()) {
            return null;
        }
        String code = raw.trim().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            throw ApiException.invalid("country", "is not an ISO 3166 country code");
        }
        return code;
    }

    private static String currency(String raw) {
        String code = raw.trim().toUpperCase(Locale.ROOT);
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("currency", "is not an ISO 4217 currency code");
        }
    }

    private OrganizationsRecord find(UUID organizationId) {
        return db.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organizationId))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Organization"));
    }

    private OrganizationView view(OrganizationsRecord o) {
        return new OrganizationView(o.getId(), o.getName(), o.getSlug(), o.getEmail(), o.getPhone(), o.getWebsite(),
                o.getAddress(), o.getCity(), o.getState(), o.getCountry(), o.getLogoUrl(),
                users.preferences(o.getSettings()), o.getTimeZone(), o.getCurrency(), o.getRecordingRetentionDays(),
                o.getSubscriptionPlan(), o.getSubscriptionExpiresAt(), o.getStorageQuotaBytes(), o.getCreatedAt(),
                o.getUpdatedAt());
    }


    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
