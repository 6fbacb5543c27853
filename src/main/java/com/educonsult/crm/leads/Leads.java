package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;
import static com.educonsult.crm.jooq.Tables.LEAD_ASSIGNMENTS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating, reading, changing, deleting and restoring leads within the caller's scope. */
@Service
public class Leads {

    private final DSLContext db;
    private final LeadRows rows;
    private final LeadViews views;
    private final LeadStatuses statuses;
    private final StatusChanges statusChanges;
    private final Stages stages;
    private final LeadForm form;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final AutoAssignment autoAssignment;

    Leads(DSLContext db, LeadRows rows, LeadViews views, LeadStatuses statuses, StatusChanges statusChanges,
            Stages stages, LeadForm form, UserDirectory users, AuditTrail audit, ApplicationEventPublisher events,
            AutoAssignment autoAssignment) {
        this.db = db;
        this.rows = rows;
        this.views = views;
        this.statuses = statuses;
        this.statusChanges = statusChanges;
        this.stages = stages;
        this.form = form;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.autoAssignment = autoAssignment;
    }

    @Transactional
    public LeadView create(CurrentUser user, LeadRequest request) {
        return create(user, request, true);
    }

    /**
     * The same; a lead that arrives by itself ({@code requireRequiredFields} false) is taken without the custom
     * fields the form requires of people, since nobody could fill them in and the lead must not be lost.
     */
    @Transactional
    LeadView create(CurrentUser user, LeadRequest request, boolean requireRequiredFields) {
        refuseAssignee(request);
        if (request.firstName() == null) {
            throw ApiException.invalid("first_name", "must not be blank");
        }
        UUID organizationId = user.organizationId();
        refuseUnknownBranch(organizationId, request);
        String region = users.phoneRegion(organizationId);
        LeadsRecord lead = db.newRecord(LEADS);
        write(lead, request, MergePatch.nullKeeps(), region);
        Map<String, Object> customFields = request.customFields() == null ? Map.of() : request.customFields();
        lead.setCustomFields(views.customFields(requireRequiredFields
                ? form.check(organizationId, customFields, region)
                : LeadForm.check(form.fieldsByKey(organizationId), customFields, region, false)));
        if (!Boolean.TRUE.equals(request.allowDuplicate())) {
            refuseDuplicate(organizationId, lead);
        }
        LeadStatus status = statuses.resolve(organizationId, request.statusId(), request.status());
        UUID id = Ids.newId();
        lead.setOrganizationId(organizationId);
        lead.setId(id);
        lead.setStatusId(status.id());
        lead.setCreatedBy(user.userId());
        if (lead.getBranchId() == null) {
            lead.setBranchId(user.branchId());
        }
        OffsetDateTime now = stages.now();
        lead.setStatusEnteredAt(now);
        if (status.isWon()) {
            lead.setConvertedAt(now);
        }
        LeadsRecord inserted = db.insertInto(LEADS).set(lead).returning(LeadRows.COLUMNS).fetchSingle();
        stages.open(organizationId, id, status, user.userId(), "Lead created", null, now);
        events.publishEvent(new LeadEvents.LeadCreated(organizationId, id, user.userId(), lead.getPlatform(),
                lead.getSource(), lead.getBranchId()));
        // the event's listeners change the new lead only by assigning it
        LeadsRecord created = autoAssignment.assignsNewLeads(organizationId) ? reread(organizationId, id) : inserted;
        if (created.getAssignedTo() == null && !LeadScope.sees(user, created.getBranchId(), created.getAssignedTo())) {
            assignToCreator(user, id);
            created = reread(organizationId, id);
        }
        LeadView view = views.of(organizationId, created);
        audit.record("lead.created", "lead", id, null, view);
        return view;
    }

    @Transactional(readOnly = true)
    public LeadView get(CurrentUser user, UUID id) {
        return views.of(user.organizationId(), rows.visible(user, id));
    }

    /** The lead within the caller's scope, live or deleted. */
    @Transactional(readOnly = true)
    LeadView getLiveOrDeleted(CurrentUser user, UUID id) {
        return views.of(user.organizationId(), rows.visibleOrDeleted(user, id));
    }

    /** Changes the lead where the request says so; the patch tells which of its nulls clear a field. */
    @Transactional
    LeadView update(CurrentUser user, UUID id, LeadRequest request, MergePatch patch) {
        return update(user, id, request, patch, null);
    }

    /**
     * A change made on a copy of the lead read at {@code readVersion} (its updated_at then): refused with 409 on
     * {@code version} when the lead changed since, so that nobody overwrites a change they have not seen.
     */
    @Transactional
    public LeadView update(CurrentUser user, UUID id, LeadRequest request, MergePatch patch,
            OffsetDateTime readVersion) {
        refuseAssignee(request);
        UUID organizationId = user.organizationId();
        LeadsRecord lead = rows.lockVisible(user, id);
        if (readVersion != null && !readVersion.isEqual(lead.getUpdatedAt())) {
            throw ApiException.conflict("version", "Someone changed this lead since you opened it: "
                    + "reload to see their change, then make yours");
        }
        refuseUnknownBranch(organizationId, request);
        LeadView before = views.of(organizationId, lead);
        String region = users.phoneRegion(organizationId);
        write(lead, request, patch, region);
        if (patch.clears("custom_fields")) {
            lead.setCustomFields(views.customFields(form.check(organizationId, Map.of(), region)));
        } else if (request.customFields() != null) {
            Map<String, Object> merged = views.customFields(lead.getCustomFields());
            request.customFields().forEach((key, value) -> {
                if (value == null) {
                    merged.remove(key);
                } else {
                    merged.put(key, value);
                }
            });
            lead.setCustomFields(views.customFields(form.check(organizationId, merged, region)));
        }
        if (lead.changed()) {
            lead.setUpdatedAt(stages.now());
            db.update(LEADS).set(lead).where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(id)).execute();
        }
        boolean statusGiven = request.statusId() != null || request.status() != null;
        LeadStatus current = statuses.byId(organizationId).get(lead.getStatusId());
        boolean sameStatus = current.id().equals(request.statusId()) || current.code().equals(request.status());
        if (statusGiven && !sameStatus) {
            statusChanges.apply(user, lead, request.statusId(), request.status(), null, null);
        }
        LeadView after = views.of(organizationId, reread(organizationId, id));
        audit.record("lead.updated", "lead", id, before, after);
        events.publishEvent(new LeadEvents.LeadUpdated(organizationId, id, user.userId()));
        return after;
    }

    @Transactional
    void delete(CurrentUser user, UUID id) {
        LeadsRecord lead = rows.lockVisible(user, id);
        LeadView before = views.of(user.organizationId(), lead);
        db.update(LEADS).set(LEADS.DELETED_AT, stages.now()).set(LEADS.UPDATED_AT, stages.now())
                .where(LEADS.ORGANIZATION_ID.eq(user.organizationId()), LEADS.ID.eq(id)).execute();
        audit.record("lead.deleted", "lead", id, before, null);
        events.publishEvent(new LeadEvents.LeadDeleted(user.organizationId(), id, user.userId()));
    }

    @Transactional
    LeadView restore(CurrentUser user, UUID id) {
        rows.lockDeleted(user, id);
        db.update(LEADS).setNull(LEADS.DELETED_AT).set(LEADS.UPDATED_AT, stages.now())
                .where(LEADS.ORGANIZATION_ID.eq(user.organizationId()), LEADS.ID.eq(id)).execute();
        LeadView after = views.of(user.organizationId(), reread(user.organizationId(), id));
        audit.record("lead.restored", "lead", id, null, after);
        events.publishEvent(new LeadEvents.LeadRestored(user.organizationId(), id, user.userId()));
        return after;
    }

    /**
     * 409 when a live lead of the organization (any scope) has one of the lead's phones or its email: the phone is
     * told before the secondary phone, and that before the email. One round trip, one probe per value given.
     */
    private void refuseDuplicate(UUID organizationId, LeadsRecord lead) {
        findDuplicate(organizationId, lead).ifPresent(match -> {
            throw new DuplicateLeadException(match.field(), match.leadId());
        });
    }

    /** A live lead sharing the lead's phone or email, and which field matched. */
    record Match(String field, UUID leadId) {
    }

    /** The first live lead with the phone, the secondary phone or the email of the lead, in that order. */
    java.util.Optional<Match> findDuplicate(UUID organizationId, LeadsRecord lead) {
        List<Select<Record2<String, UUID>>> probes = new ArrayList<>();
        if (lead.getPhone() != null) {
            probes.add(firstLive(organizationId, "phone", phoneMatch(lead.getPhone())));
        }
        if (lead.getSecondaryPhone() != null) {
            probes.add(firstLive(organizationId, "secondary_phone", phoneMatch(lead.getSecondaryPhone())));
        }
        if (lead.getEmail() != null) {
            probes.add(firstLive(organizationId, "email", LEADS.EMAIL.eq(lead.getEmail())));
        }
        if (probes.isEmpty()) {
            return java.util.Optional.empty();
        }
        Map<String, UUID> found = db.fetch(probes.stream().reduce(Select::unionAll).orElseThrow())
                .intoMap(Record2::value1, Record2::value2);
        return Stream.of("phone", "secondary_phone", "email").filter(found::containsKey).findFirst()
                .map(field -> new Match(field, found.get(field)));
    }

    private static Condition phoneMatch(String phone) {
        return LEADS.PHONE.eq(phone).or(LEADS.SECONDARY_PHONE.eq(phone));
    }

    /** The field's name and the organization's first live lead that matches, if any. */
    private Select<Record2<String, UUID>> firstLive(UUID organizationId, String field, Condition match) {
        return db.select(DSL.inline(field), LEADS.ID).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LeadScope.notDeleted(), match)
                .orderBy(LEADS.CREATED_AT, LEADS.ID).limit(1);
    }

    /**
     * The creator works the lead when nothing else assigned it and they could not see it otherwise (counselors
     * and agents; a manager creating a lead outside their branch).
     */
    private void assignToCreator(CurrentUser user, UUID id) {
        db.update(LEADS).set(LEADS.ASSIGNED_TO, user.userId()).set(LEADS.ASSIGNED_AT, stages.now())
                .where(LEADS.ORGANIZATION_ID.eq(user.organizationId()), LEADS.ID.eq(id)).execute();
        db.insertInto(LEAD_ASSIGNMENTS)
                .set(LEAD_ASSIGNMENTS.ORGANIZATION_ID, user.organizationId())
                .set(LEAD_ASSIGNMENTS.LEAD_ID, id)
                .set(LEAD_ASSIGNMENTS.ACTION, "assign")
                .set(LEAD_ASSIGNMENTS.ASSIGNED_TO, user.userId())
                .set(LEAD_ASSIGNMENTS.ASSIGNED_BY, user.userId())
                .set(LEAD_ASSIGNMENTS.REASON, "created the lead")
                .execute();
        events.publishEvent(new LeadEvents.LeadAssigned(user.organizationId(), id, null, user.userId(),
                user.userId(), "assign", "created the lead"));
    }

    private LeadsRecord reread(UUID organizationId, UUID id) {
        return rows.where(LEADS.ORGANIZATION_ID.eq(organizationId).and(LEADS.ID.eq(id))).getFirst();
    }

    private void refuseUnknownBranch(UUID organizationId, LeadRequest request) {
        if (request.branchId() != null && !users.branchExists(organizationId, request.branchId())) {
            throw ApiException.invalid("branch_id", "is not a branch of the organization");
        }
    }

    private static void refuseAssignee(LeadRequest request) {
        if (request.assignedTo() != null) {
            throw ApiException.invalid("assigned_to",
                    "is changed through /api/v1/assignments/assign, /reassign or /unassign");
        }
    }

    /**
     * Copies the given fields onto the record (phones to E.164, emails to lower case, blank texts to null) and
     * clears those the patch sets to null (lists become empty).
     */
    static void write(LeadsRecord lead, LeadRequest r, MergePatch p, String region) {
        p.apply("branch_id", r.branchId(), lead::setBranchId);
        p.apply("first_name", text(r.firstName()), lead::setFirstName);
        p.applyText("last_name", r.lastName(), lead::setLastName);
        setPhone(p, "phone", r.phone(), region, lead::setPhone);
        setPhone(p, "secondary_phone", r.secondaryPhone(), region, lead::setSecondaryPhone);
        p.applyText("email", r.email() == null ? null : r.email().toLowerCase(), lead::setEmail);
        p.applyText("gender", r.gender(), lead::setGender);
        p.applyText("city", r.city(), lead::setCity);
        p.applyText("state", r.state(), lead::setState);
        p.applyText("country", r.country(), lead::setCountry);
        p.applyText("student_name", r.studentName(), lead::setStudentName);
        p.applyText("parent_name", r.parentName(), lead::setParentName);
        setPhone(p, "parent_phone", r.parentPhone(), region, lead::setParentPhone);
        p.applyText("relationship", r.relationship(), lead::setRelationship);
        p.apply("date_of_birth", r.dateOfBirth(), lead::setDateOfBirth);
        p.applyText("current_education", r.currentEducation(), lead::setCurrentEducation);
        p.applyText("current_institution", r.currentInstitution(), lead::setCurrentInstitution);
        p.apply("percentage", r.percentage(), lead::setPercentage);
        p.applyText("stream", r.stream(), lead::setStream);
        p.apply("graduation_year", r.graduationYear(), lead::setGraduationYear);
        setList(p, "interested_courses", r.interestedCourses(), lead::setInterestedCourses);
        setList(p, "preferred_countries", r.preferredCountries(), lead::setPreferredCountries);
        setList(p, "preferred_institutions", r.preferredInstitutions(), lead::setPreferredInstitutions);
        p.apply("budget_min", r.budgetMin(), lead::setBudgetMin);
        p.apply("budget_max", r.budgetMax(), lead::setBudgetMax);
        p.apply("budget_currency", r.budgetCurrency() == null ? null : r.budgetCurrency().toUpperCase(),
                lead::setBudgetCurrency);
        p.applyText("intake_preference", r.intakePreference(), lead::setIntakePreference);
        p.apply("priority", r.priority(), lead::setPriority);
        p.applyText("source", r.source(), lead::setSource);
        p.applyText("source_details", r.sourceDetails(), lead::setSourceDetails);
        setList(p, "tags", r.tags() == null ? null : r.tags().stream().map(t -> t.trim().toLowerCase()).toList(),
                lead::setTags);
        p.apply("platform", r.platform(), lead::setPlatform);
        p.applyText("source_lead_id", r.sourceLeadId(), lead::setSourceLeadId);
        p.applyText("page_id", r.pageId(), lead::setPageId);
        p.applyText("page_name", r.pageName(), lead::setPageName);
        p.applyText("form_id", r.formId(), lead::setFormId);
        p.applyText("ad_id", r.adId(), lead::setAdId);
        p.applyText("campaign_id", r.campaignId(), lead::setCampaignId);
        p.applyText("utm_source", r.utmSource(), lead::setUtmSource);
        p.applyText("utm_medium", r.utmMedium(), lead::setUtmMedium);
        p.applyText("utm_campaign", r.utmCampaign(), lead::setUtmCampaign);
        p.applyText("utm_term", r.utmTerm(), lead::setUtmTerm);
        p.applyText("utm_content", r.utmContent(), lead::setUtmContent);
        p.applyText("page_url", r.pageUrl(), lead::setPageUrl);
        p.apply("consent_at", r.consentAt(), lead::setConsentAt);
        p.apply("last_contact_date", r.lastContactDate(), lead::setLastContactDate);
        p.apply("next_follow_up_date", r.nextFollowUpDate(), lead::setNextFollowUpDate);
        p.applyText("reminder_note", r.reminderNote(), lead::setReminderNote);
        if (lead.getBudgetMin() != null && lead.getBudgetMax() != null
                && lead.getBudgetMax().compareTo(lead.getBudgetMin()) < 0) {
            throw ApiException.invalid("budget_max", "must not be less than budget_min");
        }
    }

    /** Null or an empty list clears the field to an empty list. */
    private static void setList(MergePatch patch, String field, List<String> values, Consumer<String[]> setter) {
        patch.apply(field, values, given -> setter.accept(given == null ? new String[0]
                : given.stream().map(String::trim).distinct().toArray(String[]::new)));
    }

    private static void setPhone(MergePatch patch, String field, String raw, String region, Consumer<String> setter) {
        patch.apply(field, raw, given -> setter.accept(given == null || given.isBlank() ? null
                : PhoneNumbers.normalize(given, region)
                        .orElseThrow(() -> ApiException.invalid(field, "is not a valid phone number"))));
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
