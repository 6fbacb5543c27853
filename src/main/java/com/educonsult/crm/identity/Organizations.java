package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.ORGANIZATIONS;

import com.educonsult.crm.jooq.tables.records.OrganizationsRecord;
import com.educonsult.crm.platform.cache.SharedCaches;
import com.educonsult.crm.platform.cache.TableCache;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** The tenant registry. It is global: found by slug before any tenant is known. */
@Component
class Organizations {

    private final DSLContext db;
    /** Read by every request that reads or writes a phone number. */
    private final TableCache<String, String> phoneRegions;

    Organizations(DSLContext db, SharedCaches caches) {
        this.db = db;
        this.phoneRegions = caches.cache("phone regions", Set.of("organizations"), 100_000);
    }

    /** The current transaction changes the organization's row: it reads around the cache. */
    void changed(UUID organizationId) {
        phoneRegions.changed(organizationId);
    }

    Optional<OrganizationsRecord> findBySlug(String slug) {
        if (slug == null) {
            return Optional.empty();
        }
        return db.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.SLUG.eq(slug.trim().toLowerCase())).fetchOptional();
    }

    Optional<OrganizationsRecord> find(UUID id) {
        return db.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(id)).fetchOptional();
    }

    boolean slugTaken(String slug) {
        return db.fetchExists(ORGANIZATIONS, ORGANIZATIONS.SLUG.eq(slug));
    }

    /** The region phone numbers of the organization are read in when they carry no country code. */
    String phoneRegion(UUID organizationId) {
        return phoneRegions.get(organizationId, "phone region", () -> readPhoneRegion(organizationId));
    }

    private String readPhoneRegion(UUID organizationId) {
        return regionOf(db.select(ORGANIZATIONS.COUNTRY).from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(organizationId))
                .fetchOne(ORGANIZATIONS.COUNTRY));
    }

    static String phoneRegion(OrganizationsRecord organization) {
        return regionOf(organization.getCountry());
    }

    private static String regionOf(String country) {
        return country != null && country.length() == 2 ? country.toUpperCase()
                : com.educonsult.crm.platform.PhoneNumbers.DEFAULT_REGION;
    }
}
