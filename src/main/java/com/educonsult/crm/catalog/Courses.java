package com.educonsult.crm.catalog;

import com.educonsult.crm.platform.Text;
import static com.educonsult.crm.jooq.Tables.COURSES;
import static com.educonsult.crm.jooq.Tables.INSTITUTIONS;

import com.educonsult.crm.jooq.tables.records.CoursesRecord;
import com.educonsult.crm.jooq.tables.records.InstitutionsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The organization's courses, each at one of its institutions. */
@Service
public class Courses {

    /** The institution of a course, as shown with it. */
    public record InstitutionRef(UUID id, String name, String countryCode, String countryName, String city,
            boolean isPartner, Integer ranking) {
    }

    public record CourseView(UUID id, InstitutionRef institution, String name, String level, String field,
            Integer durationMonths, BigDecimal fee, String currency, List<String> intakes, String requirements,
            LocalDate applicationDeadline, boolean active, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /**
     * Filters of the list; null means any. Fees are compared as numbers in the course's own currency; give
     * {@code currency} to compare fees of one currency only.
     */
    public record Filter(String country, UUID institutionId, String level, BigDecimal feeMin, BigDecimal feeMax,
            String currency, String intake, String search, boolean partnerOnly, Boolean active) {
        public Filter {
            country = Text.blankToNull(country);
            level = Text.blankToNull(level);
            currency = Text.blankToNull(currency);
            intake = Text.blankToNull(intake);
            search = Text.blankToNull(search);
        }
    }

    private final DSLContext db;
    private final Institutions institutions;
    private final Countries countries;
    private final AuditTrail audit;
    private final Clock clock;

    Courses(DSLContext db, Institutions institutions, Countries countries, AuditTrail audit, Clock clock) {
        this.db = db;
        this.institutions = institutions;
        this.countries = countries;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<CourseView> list(UUID organizationId, Filter filter, PageRequest paging) {
        Condition condition = COURSES.ORGANIZATION_ID.eq(organizationId).and(conditions(filter));
        long total = db.fetchCount(joined(), condition);
        List<CourseView> items = withInstitution().where(condition)
                .orderBy(DSL.lower(COURSES.NAME), DSL.lower(INSTITUTIONS.NAME), COURSES.ID)
                .limit(paging.limit()).offset(paging.offset())
                .fetch(this::view);
        return paging.page(items, total);
    }

    /** Active courses of active institutions: what may be offered to a lead. */
    @Transactional(readOnly = true)
    List<CourseView> offered(UUID organizationId) {
        return withInstitution()
                .where(COURSES.ORGANIZATION_ID.eq(organizationId), COURSES.ACTIVE.isTrue(), INSTITUTIONS.ACTIVE.isTrue())
                .orderBy(COURSES.ID)
                .fetch(this::view);
    }

    @Transactional(readOnly = true)
    public CourseView get(UUID organizationId, UUID id) {
        return find(organizationId, id);
    }

    @Transactional
    public CourseView create(UUID organizationId, CatalogRequests.CreateCourse request) {
        String institutionCountry = institutionCountry(organizationId, request.institutionId());
        String name = request.name().trim();
        checkNameFree(organizationId, request.institutionId(), name, request.level(), null);
        UUID id = Ids.newId();
        db.insertInto(COURSES)
                .set(COURSES.ORGANIZATION_ID, organizationId)
                .set(COURSES.ID, id)
                .set(COURSES.INSTITUTION_ID, request.institutionId())
                .set(COURSES.NAME, name)
                .set(COURSES.LEVEL, request.level())
                .set(COURSES.FIELD, Text.blankToNull(request.field()))
                .set(COURSES.DURATION_MONTHS, request.durationMonths())
                .set(COURSES.FEE, request.fee())
                .set(COURSES.CURRENCY, request.currency() == null ? defaultCurrency(institutionCountry)
                        : knownCurrency(request.currency()))
                .set(COURSES.INTAKES, intakes(request.intakes()))
                .set(COURSES.REQUIREMENTS, Text.blankToNull(request.requirements()))
                .set(COURSES.APPLICATION_DEADLINE, request.applicationDeadline())
                .set(COURSES.ACTIVE, request.active() == null || request.active())
                .execute();
        CourseView created = find(organizationId, id);
        audit.record("course.created", "course", id, null, created);
        return created;
    }

    @Transactional
    public CourseView update(UUID organizationId, UUID id, CatalogRequests.UpdateCourse request, MergePatch patch) {
        CourseView before = find(organizationId, id);
        CoursesRecord course = db.selectFrom(COURSES)
                .where(COURSES.ORGANIZATION_ID.eq(organizationId), COURSES.ID.eq(id))
                .forUpdate().fetchSingle();
        if (request.institutionId() != null) {
            institutionCountry(organizationId, request.institutionId());
            course.setInstitutionId(request.institutionId());
        }
        if (request.name() != null) {
            course.setName(request.name().trim());
        }
        if (request.level() != null) {
            course.setLevel(request.level());
        }
        if (request.institutionId() != null || request.name() != null || request.level() != null) {
            checkNameFree(organizationId, course.getInstitutionId(), course.getName(), course.getLevel(), id);
        }
        patch.applyText("field", request.field(), course::setField);
        patch.apply("duration_months", request.durationMonths(), course::setDurationMonths);
        patch.apply("fee", request.fee(), course::setFee);
        if (request.currency() != null) {
            course.setCurrency(knownCurrency(request.currency()));
        }
        patch.apply("intakes", request.intakes(),
                given -> course.setIntakes(intakes(given == null ? List.of() : given)));
        patch.applyText("requirements", request.requirements(), course::setRequirements);
        patch.apply("application_deadline", request.applicationDeadline(), course::setApplicationDeadline);
        if (request.active() != null) {
            course.setActive(request.active());
        }
        course.setUpdatedAt(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
        db.update(COURSES).set(course)
                .where(COURSES.ORGANIZATION_ID.eq(organizationId), COURSES.ID.eq(id))
                .execute();
        CourseView after = find(organizationId, id);
        audit.record("course.updated", "course", id, before, after);
        return after;
    }

    @Transactional
    public void delete(UUID organizationId, UUID id) {
        CourseView before = find(organizationId, id);
        db.deleteFrom(COURSES).where(COURSES.ORGANIZATION_ID.eq(organizationId), COURSES.ID.eq(id)).execute();
        audit.record("course.deleted", "course", id, before, null);
    }

    private Condition conditions(Filter filter) {
        Condition condition = DSL.noCondition();
        if (filter.country() != null) {
            condition = condition.and(INSTITUTIONS.COUNTRY_CODE.eq(institutions.countryFilter(filter.country())));
        }
        if (filter.institutionId() != null) {
            condition = condition.and(COURSES.INSTITUTION_ID.eq(filter.institutionId()));
        }
        if (filter.level() != null) {
            if (!filter.level().matches(CatalogRequests.COURSE_LEVELS)) {
                throw ApiException.invalid("level", "must be one of " + CatalogRequests.COURSE_LEVELS);
            }
            condition = condition.and(COURSES.LEVEL.eq(filter.level()));
        }
        if (filter.feeMin() != null && filter.feeMax() != null && filter.feeMin().compareTo(filter.feeMax()) > 0) {
            throw ApiException.invalid("fee_max", "must not be less than fee_min");
        }
        if (filter.feeMin() != null) {
            condition = condition.and(COURSES.FEE.ge(filter.feeMin()));
        }
        if (filter.feeMax() != null) {
            condition = condition.and(COURSES.FEE.le(filter.feeMax()));
        }
        if (filter.currency() != null) {
            condition = condition.and(COURSES.CURRENCY.eq(filter.currency().trim().toUpperCase(Locale.ROOT)));
        }
        if (filter.intake() != null && !filter.intake().isBlank()) {
            condition = condition.and(DSL.field("array_to_string({0}, '|')", String.class, COURSES.INTAKES)
                    .containsIgnoreCase(filter.intake().trim()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String term = filter.search().trim();
            condition = condition.and(COURSES.NAME.containsIgnoreCase(term)
                    .or(COURSES.FIELD.containsIgnoreCase(term))
                    .or(INSTITUTIONS.NAME.containsIgnoreCase(term)));
        }
        if (filter.partnerOnly()) {
            condition = condition.and(INSTITUTIONS.IS_PARTNER.isTrue());
        }
        if (filter.active() != null) {
            condition = condition.and(COURSES.ACTIVE.eq(filter.active()));
        }
        return condition;
    }

    private SelectJoinStep<Record> withInstitution() {
        return db.select(COURSES.fields()).select(INSTITUTIONS.fields()).from(joined());
    }

    private static Table<?> joined() {
        return COURSES.join(INSTITUTIONS).on(INSTITUTIONS.ORGANIZATION_ID.eq(COURSES.ORGANIZATION_ID),
                INSTITUTIONS.ID.eq(COURSES.INSTITUTION_ID));
    }

    private CourseView find(UUID organizationId, UUID id) {
        return withInstitution().where(COURSES.ORGANIZATION_ID.eq(organizationId), COURSES.ID.eq(id))
                .fetchOptional(this::view)
                .orElseThrow(() -> ApiException.notFound("Course"));
    }

    private String institutionCountry(UUID organizationId, UUID institutionId) {
        return institutions.countryOf(organizationId, institutionId)
                .orElseThrow(() -> ApiException.invalid("institution_id", "is not an institution of the organization"));
    }

    private void checkNameFree(UUID organizationId, UUID institutionId, String name, String level, UUID exceptId) {
        boolean taken = db.fetchExists(COURSES, COURSES.ORGANIZATION_ID.eq(organizationId),
                COURSES.INSTITUTION_ID.eq(institutionId), DSL.lower(COURSES.NAME).eq(name.toLowerCase(Locale.ROOT)),
                COURSES.LEVEL.eq(level), exceptId == null ? DSL.noCondition() : COURSES.ID.ne(exceptId));
        if (taken) {
            throw ApiException.conflict("name", "the institution already has a " + level + " course of this name");
        }
    }

    private String defaultCurrency(String countryCode) {
        return countries.find(countryCode).map(Country::currency).orElse("INR");
    }

    private static String knownCurrency(String code) {
        String upper = code.trim().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(upper);
            return upper;
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("currency", "is not an ISO 4217 currency");
        }
    }

    private static String[] intakes(List<String> intakes) {
        return intakes == null ? new String[0]
                : intakes.stream().map(String::trim).distinct().toArray(String[]::new);
    }

    private CourseView view(Record r) {
        CoursesRecord c = r.into(COURSES);
        InstitutionsRecord i = r.into(INSTITUTIONS);
        String countryName = countries.find(i.getCountryCode()).map(Country::name).orElse(null);
        InstitutionRef institution = new InstitutionRef(i.getId(), i.getName(), i.getCountryCode(), countryName,
                i.getCity(), i.getIsPartner(), i.getRanking());
        return new CourseView(c.getId(), institution, c.getName(), c.getLevel(), c.getField(), c.getDurationMonths(),
                c.getFee(), c.getCurrency(), Arrays.asList(c.getIntakes()), c.getRequirements(),
                c.getApplicationDeadline(), c.getActive(), c.getCreatedAt(), c.getUpdatedAt());
    }
}
