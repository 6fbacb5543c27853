package com.educonsult.crm.leads;

import com.educonsult.crm.platform.Text;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.STUDENTS;

import com.educonsult.crm.jooq.tables.records.StudentsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Students: leads that enrolled. Converting a lead makes its one student record and stamps the lead; a
 * student is visible to whoever may see its lead.
 */
@Service
class Students {

    record Filter(String status, String intake, String country, String search) {
    }

    private static final Field<String> LEAD_NAME = Assignments.LEAD_NAME;

    private final DSLContext db;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Students(DSLContext db, AuditTrail audit, ApplicationEventPublisher events, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    StudentView convert(CurrentUser actor, UUID leadId, StudentRequests.Convert request) {
        UUID organizationId = actor.organizationId();
        db.select(LEADS.ID).from(LEADS).where(LeadScope.visibleAndLive(actor), LEADS.ID.eq(leadId))
                .forNoKeyUpdate().fetchOptional().orElseThrow(() -> ApiException.notFound("Lead"));
        if (db.fetchExists(STUDENTS, STUDENTS.ORGANIZATION_ID.eq(organizationId), STUDENTS.LEAD_ID.eq(leadId))) {
            throw ApiException.conflict("lead_id", "is already converted to a student");
        }
        OffsetDateTime now = now();
        UUID id = Ids.newId();
        db.insertInto(STUDENTS)
                .set(STUDENTS.ORGANIZATION_ID, organizationId)
                .set(STUDENTS.ID, id)
                .set(STUDENTS.LEAD_ID, leadId)
                .set(STUDENTS.COURSE, Text.blankToNull(request.course()))
                .set(STUDENTS.INSTITUTION, Text.blankToNull(request.institution()))
                .set(STUDENTS.COUNTRY, Text.blankToNull(request.country()))
                .set(STUDENTS.INTAKE, Text.blankToNull(request.intake()))
                .set(STUDENTS.ENROLLED_AT, request.enrolledAt())
                .set(STUDENTS.FEE_TOTAL, request.feeTotal())
                .set(STUDENTS.FEE_CURRENCY, request.feeCurrency() == null ? "INR" : request.feeCurrency())
                .set(STUDENTS.INSTALLMENTS, request.installments())
                .set(STUDENTS.NOTES, Text.blankToNull(request.notes()))
                .set(STUDENTS.CREATED_BY, actor.userId())
                .set(STUDENTS.CREATED_AT, now)
                .set(STUDENTS.UPDATED_AT, now)
                .execute();
        db.update(LEADS).set(LEADS.CONVERTED_AT, now).set(LEADS.UPDATED_AT, now)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(leadId))
                .execute();
        events.publishEvent(new LeadEvents.LeadUpdated(organizationId, leadId, actor.userId()));
        StudentView created = find(actor, id);
        audit.record("student.created", "student", id, null, created);
        return created;
    }

    @Transactional(readOnly = true)
    Page<StudentView> list(CurrentUser actor, Filter filter, PageRequest paging) {
        Condition condition = DSL.and(
                filter.status() == null ? DSL.noCondition() : STUDENTS.STATUS.eq(filter.status()),
                filter.intake() == null ? DSL.noCondition() : STUDENTS.INTAKE.equalIgnoreCase(filter.intake().trim()),
                filter.country() == null ? DSL.noCondition() : STUDENTS.COUNTRY.equalIgnoreCase(filter.country().trim()),
                filter.search() == null || filter.search().isBlank() ? DSL.noCondition()
                        : DSL.concat(LEADS.FIRST_NAME, DSL.inline(" "), DSL.coalesce(LEADS.LAST_NAME, ""),
                                DSL.inline(" "), DSL.coalesce(LEADS.STUDENT_NAME, ""))
                                .containsIgnoreCase(filter.search().trim()));
        long total = db.fetchCount(query(actor).where(condition));
        List<StudentView> items = query(actor).where(condition)
                .orderBy(STUDENTS.CREATED_AT.desc(), STUDENTS.ID.desc())
                .limit(paging.limit()).offset(paging.offset())
                .fetch(Students::view);
        return paging.page(items, total);
    }

    @Transactional(readOnly = true)
    StudentView get(CurrentUser actor, UUID id) {
        return find(actor, id);
    }

    @Transactional
    StudentView update(CurrentUser actor, UUID id, StudentRequests.Update request, MergePatch patch) {
        StudentView before = find(actor, id);
        StudentsRecord student = db.selectFrom(STUDENTS)
                .where(STUDENTS.ORGANIZATION_ID.eq(actor.organizationId()), STUDENTS.ID.eq(id))
                .forUpdate().fetchSingle();
        patch.apply("status", request.status(), student::setStatus);
        patch.applyText("course", request.course(), student::setCourse);
        patch.applyText("institution", request.institution(), student::setInstitution);
        patch.applyText("country", request.country(), student::setCountry);
        patch.applyText("intake", request.intake(), student::setIntake);
        patch.apply("enrolled_at", request.enrolledAt(), student::setEnrolledAt);
        patch.apply("fee_total", request.feeTotal(), student::setFeeTotal);
        patch.apply("fee_currency", request.feeCurrency(), student::setFeeCurrency);
        patch.apply("installments", request.installments(), student::setInstallments);
        patch.applyText("notes", request.notes(), student::setNotes);
        student.setUpdatedAt(now());
        db.update(STUDENTS).set(student)
                .where(STUDENTS.ORGANIZATION_ID.eq(actor.organizationId()), STUDENTS.ID.eq(id))
                .execute();
        StudentView after = find(actor, id);
        audit.record("student.updated", "student", id, before, after);
        return after;
    }

    private StudentView find(CurrentUser actor, UUID id) {
        return query(actor).where(STUDENTS.ID.eq(id)).fetchOptional(Students::view)
                .orElseThrow(() -> ApiException.notFound("Student"));
    }

    /** Students joined to their leads, limited to the leads the caller may see. */
    private SelectOnConditionStep<Record> query(CurrentUser actor) {
        return db.select(STUDENTS.fields()).select(LEAD_NAME, LEADS.PHONE, LEADS.EMAIL)
                .from(STUDENTS)
                .join(LEADS).on(LEADS.ORGANIZATION_ID.eq(STUDENTS.ORGANIZATION_ID), LEADS.ID.eq(STUDENTS.LEAD_ID),
                        STUDENTS.ORGANIZATION_ID.eq(actor.organizationId()), LeadScope.visibleAndLive(actor));
    }

    private static StudentView view(Record r) {
        return new StudentView(r.get(STUDENTS.ID), r.get(STUDENTS.LEAD_ID), r.get(LEAD_NAME), r.get(LEADS.PHONE),
                r.get(LEADS.EMAIL), r.get(STUDENTS.STATUS), r.get(STUDENTS.COURSE), r.get(STUDENTS.INSTITUTION),
                r.get(STUDENTS.COUNTRY), r.get(STUDENTS.INTAKE), r.get(STUDENTS.ENROLLED_AT),
                r.get(STUDENTS.FEE_TOTAL), r.get(STUDENTS.FEE_CURRENCY), r.get(STUDENTS.INSTALLMENTS),
                r.get(STUDENTS.NOTES), r.get(STUDENTS.CREATED_BY), r.get(STUDENTS.CREATED_AT),
                r.get(STUDENTS.UPDATED_AT));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

}
