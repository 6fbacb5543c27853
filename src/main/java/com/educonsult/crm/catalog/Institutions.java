package com.educonsult.crm.catalog;

import com.educonsult.crm.platform.Text;
import static com.educonsult.crm.jooq.Tables.COURSES;
import static com.educonsult.crm.jooq.Tables.INSTITUTIONS;

import com.educonsult.crm.jooq.tables.records.InstitutionsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organization's institutions. A name is unique per country, ignoring case. */
@Service
public class Institutions {

    public record InstitutionView(UUID id, String countryCode, String countryName, String name, String city, String type,
            Integer ranking, String website, boolean isPartner, String logoUrl, String description, boolean active,
            int courseCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** Filters of the list; null means any. */
    public record Filter(String country, String type, String search, boolean partnerOnly, Boolean active) {
        public Filter {
            country = Text.blankToNull(country);
            type = Text.blankToNull(type);
            search = Text.blankToNull(search);
        }
    }

    private final DSLContext db;
    private final Countries countries;
    private final AuditTrail audit;
    private final Clock clock;

    Institutions(DSLContext db, Countries countries, AuditTrail audit, Clock clock) {
        this.db = db;
        this.countries = countries;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<InstitutionView> list(UUID organizationId, Filter filter, PageRequest paging) {
        Condition condition = INSTITUTIONS.ORGANIZATION_ID.eq(organizationId);
        if (filter.country() != null) {
            condition = condition.and(INSTITUTIONS.COUNTRY_CODE.eq(countryFilter(filter.country())));
        }
        if (filter.type() != null) {
            if (!filter.type().matches(CatalogRequests.INSTITUTION_TYPES)) {
                throw ApiException.invalid("type", "must be one of " + CatalogRequests.INSTITUTION_TYPES);
            }
            condition = condition.and(INSTITUTIONS.TYPE.eq(filter.type()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().trim();
            condition = condition.and(INSTITUTIONS.NAME.containsIgnoreCase(term)
                    .or(INSTITUTIONS.CITY.containsIgnoreCase(term)));
        }
        if (filter.partnerOnly()) {
            condition = condition.and(INSTITUTIONS.IS_PARTNER.isTrue());
        }
        if (filter.active() != null) {
            condition = condition.and(INSTITUTIONS.ACTIVE.eq(filter.active()));
        }
        long total = db.fetchCount(INSTITUTIONS, condition);
        List<InstitutionView> items = db.select(INSTITUTIONS.fields()).select(courseCount()).from(INSTITUTIONS)
                .where(condition)
                .orderBy(DSL.lower(INSTITUTIONS.NAME), INSTITUTIONS.ID)
                .limit(paging.limit()).offset(paging.offset())
                .fetch(this::view);
        return paging.page(items, total);
    }

    @Transactional(readOnly = true)
    public InstitutionView get(UUID organizationId, UUID id) {
        return find(organizationId, id);
    }

    @Transactional
    public InstitutionView create(UUID organizationId, CatalogRequests.CreateInstitution request) {
        String country = knownCountry(request.countryCode());
        String name = request.name().trim();
        checkNameFree(organizationId, country, name, null);
        UUID id = Ids.newId();
        db.insertInto(INSTITUTIONS)
                .set(INSTITUTIONS.ORGANIZATION_ID, organizationId)
                .set(INSTITUTIONS.ID, id)
                .set(INSTITUTIONS.COUNTRY_CODE, country)
                .set(INSTITUTIONS.NAME, name)
                .set(INSTITUTIONS.CITY, Text.blankToNull(request.city()))
                .set(INSTITUTIONS.TYPE, request.type() == null ? "university" : request.type())
                .set(INSTITUTIONS.RANKING, request.ranking())
                .set(INSTITUTIONS.WEBSITE, Text.blankToNull(request.website()))
                .set(INSTITUTIONS.IS_PARTNER, Boolean.TRUE.equals(request.isPartner()))
                .set(INSTITUTIONS.LOGO_URL, Text.blankToNull(request.logoUrl()))
                .set(INSTITUTIONS.DESCRIPTION, Text.blankToNull(request.description()))
                .set(INSTITUTIONS.ACTIVE, request.active() == null || request.active())
                .execute();
        InstitutionView created = find(organizationId, id);
        audit.record("institution.created", "institution", id, null, created);
        return created;
    }

    @Transactional
    public InstitutionView update(UUID organizationId, UUID id, CatalogRequests.UpdateInstitution request,
            MergePatch patch) {
        InstitutionView before = find(organizationId, id);
        InstitutionsRecord institution = db.selectFrom(INSTITUTIONS)
                .where(INSTITUTIONS.ORGANIZATION_ID.eq(organizationId), INSTITUTIONS.ID.eq(id))
                .forUpdate().fetchSingle();
        if (request.countryCode() != null) {
            institution.setCountryCode(knownCountry(request.countryCode()));
        }
        if (request.name() != null) {
            institution.setName(request.name().trim());
        }
        if (request.name() != null || request.countryCode() != null) {
            checkNameFree(organizationId, institution.getCountryCode(), institution.getName(), id);
        }
        patch.applyText("city", request.city(), institution::setCity);
        if (request.type() != null) {
            institution.setType(request.type());
        }
        patch.apply("ranking", request.ranking(), institution::setRanking);
        patch.applyText("website", request.website(), institution::setWebsite);
        if (request.isPartner() != null) {
            institution.setIsPartner(request.isPartner());
        }
        patch.applyText("logo_url", request.logoUrl(), institution::setLogoUrl);
        patch.applyText("description", request.description(), institution::setDescription);
        if (request.active() != null) {
            institution.setActive(request.active());
        }
        institution.setUpdatedAt(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        db.update(INSTITUTIONS).set(institution)
                .where(INSTITUTIONS.ORGANIZATION_ID.eq(organizationId), INSTITUTIONS.ID.eq(id))
                .execute();
        InstitutionView after = find(organizationId, id);
        audit.record("institution.updated", "institution", id, before, after);
        return after;
    }

    /** Deletes an institution without courses: deleting it would silently take its courses with it. */
    @Transactional
    public void delete(UUID organizationId, UUID id) {
        InstitutionView before = find(organizationId, id);
        if (before.courseCount() > 0) {
            throw ApiException.conflict("id", "the institution still has " + before.courseCount()
                    + " course(s); delete or move them first");
        }
        db.deleteFrom(INSTITUTIONS)
                .where(INSTITUTIONS.ORGANIZATION_ID.eq(organizationId), INSTITUTIONS.ID.eq(id))
                .execute();
        audit.record("institution.deleted", "institution", id, before, null);
    }

    /** The institution's country, for a course that names it; empty when it is not the organization's. */
    Optional<String> countryOf(UUID organizationId, UUID id) {
        return db.select(INSTITUTIONS.COUNTRY_CODE).from(INSTITUTIONS)
                .where(INSTITUTIONS.ORGANIZATION_ID.eq(organizationId), INSTITUTIONS.ID.eq(id))
                .fetchOptional(INSTITUTIONS.COUNTRY_CODE);
    }

    /** A country filter as people write it (code or name); unknown ones are refused, naming the parameter. */
    String countryFilter(String country) {
        return countries.resolve(country).map(Country::code)
                .orElseThrow(() -> ApiException.invalid("country", "is not a known country"));
    }

    private String knownCountry(String code) {
        return countries.find(code).map(Country::code)
                .orElseThrow(() -> ApiException.invalid("country_code", "is not an ISO 3166 country code"));
    }

    private void checkNameFree(UUID organizationId, String country, String name, UUID exceptId) {
        boolean taken = db.fetchExists(INSTITUTIONS, INSTITUTIONS.ORGANIZATION_ID.eq(organizationId),
                INSTITUTIONS.COUNTRY_CODE.eq(country),
                DSL.lower(INSTITUTIONS.NAME).eq(name.toLowerCase(Locale.ROOT)),
                exceptId == null ? DSL.noCondition() : INSTITUTIONS.ID.ne(exceptId));
        if (taken) {
            throw ApiException.conflict("name", "another institution in this country already has this name");
        }
    }

    private InstitutionView find(UUID organizationId, UUID id) {
        return db.select(INSTITUTIONS.fields()).select(courseCount()).from(INSTITUTIONS)
                .where(INSTITUTIONS.ORGANIZATION_ID.eq(organizationId), INSTITUTIONS.ID.eq(id))
                .fetchOptional(this::view)
                .orElseThrow(() -> ApiException.notFound("Institution"));
    }

    private static Field<Integer> courseCount() {
        return DSL.field(DSL.selectCount().from(COURSES)
                .where(COURSES.ORGANIZATION_ID.eq(INSTITUTIONS.ORGANIZATION_ID),
                        COURSES.INSTITUTION_ID.eq(INSTITUTIONS.ID))).as("course_count");
    }

    private InstitutionView view(Record r) {
        InstitutionsRecord i = r.into(INSTITUTIONS);
        String countryName = countries.find(i.getCountryCode()).map(Country::name).orElse(null);
        return new InstitutionView(i.getId(), i.getCountryCode(), countryName, i.getName(), i.getCity(),
                i.getType(), i.getRanking(), i.getWebsite(), i.getIsPartner(), i.getLogoUrl(), i.getDescription(),
                i.getActive(), r.get("course_count", Integer.class), i.getCreatedAt(), i.getUpdatedAt());
    }
}
