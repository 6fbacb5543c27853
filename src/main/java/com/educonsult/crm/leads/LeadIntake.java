package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.MergePatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Leads that arrive by themselves (ad platforms, website and portal forms): one lead per person however often
 * they come. A lead already delivered with the same platform and source lead id is that lead, unchanged; a live
 * lead with the same phone or email is kept and its blank fields filled in (what counselors wrote is never
 * overwritten), and the enquiry goes on its timeline; anyone else becomes a new lead, assigned by the
 * organization's rules, with the lead-created event. Callers run inside a transaction of the organization.
 */
@Service
public class LeadIntake {

    /** What became of an arrival: the lead, whether it is new, and what matched an existing one. */
    public record Arrival(UUID leadId, boolean created, String matchedBy, List<String> filled) {
    }

    /** Fields an enquiry may fill in on an existing lead when they are blank there. */
    private static final List<Field<?>> FILLABLE = List.of(LEADS.LAST_NAME, LEADS.PHONE, LEADS.SECONDARY_PHONE,
            LEADS.EMAIL, LEADS.GENDER, LEADS.CITY, LEADS.STATE, LEADS.COUNTRY, LEADS.STUDENT_NAME, LEADS.PARENT_NAME,
            LEADS.PARENT_PHONE, LEADS.RELATIONSHIP, LEADS.DATE_OF_BIRTH, LEADS.CURRENT_EDUCATION,
            LEADS.CURRENT_INSTITUTION, LEADS.PERCENTAGE, LEADS.STREAM, LEADS.GRADUATION_YEAR, LEADS.BUDGET_MIN,
            LEADS.BUDGET_MAX, LEADS.BUDGET_CURRENCY, LEADS.INTAKE_PREFERENCE, LEADS.CONSENT_AT);
    private static final Set<String> LIST_FIELDS = Set.of("interested_courses", "preferred_countries",
            "preferred_institutions");

    private final DSLContext db;
    private final Leads leads;
    private final LeadRows rows;
    private final LeadViews views;
    private final LeadForm form;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    LeadIntake(DSLContext db, Leads leads, LeadRows rows, LeadViews views, LeadForm form, UserDirectory users,
            AuditTrail audit, ApplicationEventPublisher events) {
        this.db = db;
        this.leads = leads;
        this.rows = rows;
        this.views = views;
        this.form = form;
        this.users = users;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Takes in one lead for the organization. The request is checked as the lead API checks it (a phone that is
     * not a phone is a 422 naming the field); {@code allow_duplicate} and {@code assigned_to} are ignored.
     */
    @Transactional
    public Arrival receive(UUID organizationId, LeadRequest request) {
        Optional<UUID> delivered = alreadyDelivered(organizationId, request);
        if (delivered.isPresent()) {
            return new Arrival(delivered.get(), false, "source_lead_id", List.of());
        }
        String region = users.phoneRegion(organizationId);
        LeadsRecord incoming = db.newRecord(LEADS);
        Leads.write(incoming, request, MergePatch.nullKeeps(), region);
        Map<String, Object> customFields = LeadForm.check(form.fieldsByKey(organizationId),
                request.customFields() == null ? Map.of() : request.customFields(), region, false);
        Optional<Leads.Match> existing = leads.findDuplicate(organizationId, incoming);
        if (existing.isPresent()) {
            return enquiredAgain(organizationId, existing.get(), incoming, customFields, request);
        }
        LeadView created = leads.create(systemUser(organizationId, request.branchId()),
                request.withoutAssigneeAllowingDuplicates(), false);
        return new Arrival(created.id(), true, null, List.of());
    }

    private Optional<UUID> alreadyDelivered(UUID organizationId, LeadRequest request) {
        if (request.platform() == null || request.sourceLeadId() == null || request.sourceLeadId().isBlank()) {
            return Optional.empty();
        }
        return db.select(LEADS.ID).from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.PLATFORM.eq(request.platform()),
                        LEADS.SOURCE_LEAD_ID.eq(request.sourceLeadId().trim()))
                .fetchOptional(LEADS.ID);
    }

    private Arrival enquiredAgain(UUID organizationId, Leads.Match match, LeadsRecord incoming,
            Map<String, Object> customFields, LeadRequest request) {
        LeadsRecord lead = rows.lockVisible(systemUser(organizationId, null), match.leadId());
        LeadView before = views.of(organizationId, lead);
        List<String> filled = new ArrayList<>();
        Map<Field<?>, Object> changes = new LinkedHashMap<>();
        for (Field<?> field : FILLABLE) {
            Object now = lead.get(field);
            Object given = incoming.get(field);
            if (now == null && given != null) {
                changes.put(field, given);
                filled.add(field.getName());
            }
        }
        for (String name : LIST_FIELDS) {
            Field<String[]> field = LEADS.field(name, String[].class);
            String[] now = lead.get(field);
            String[] given = incoming.get(field);
            if ((now == null || now.length == 0) && given != null && given.length > 0) {
                changes.put(field, given);
                filled.add(name);
            }
        }
        Map<String, Object> storedCustom = views.customFields(lead.getCustomFields());
        Map<String, Object> mergedCustom = new LinkedHashMap<>(storedCustom);
        customFields.forEach((key, value) -> {
            if (value != null && mergedCustom.get(key) == null) {
                mergedCustom.put(key, value);
                filled.add("custom_fields." + key);
            }
        });
        if (!mergedCustom.equals(storedCustom)) {
            changes.put(LEADS.CUSTOM_FIELDS, views.customFields(mergedCustom));
        }
        if (!changes.isEmpty()) {
            changes.put(LEADS.UPDATED_AT, org.jooq.impl.DSL.currentOffsetDateTime());
            db.update(LEADS).set(changes).where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(lead.getId()))
                    .execute();
            audit.record("lead.updated", "lead", lead.getId(), before,
                    views.of(organizationId, rows.lockVisible(systemUser(organizationId, null), lead.getId())));
            events.publishEvent(new LeadEvents.LeadUpdated(organizationId, lead.getId(), null));
        }
        events.publishEvent(new LeadEvents.LeadEnquiredAgain(organizationId, lead.getId(), request.platform(),
                request.source(), match.field(), List.copyOf(filled)));
        return new Arrival(lead.getId(), false, match.field(), List.copyOf(filled));
    }

    /** The organization acting through an integration: no user, sees every lead, no branch unless given. */
    static CurrentUser systemUser(UUID organizationId, UUID branchId) {
        return new CurrentUser(organizationId, null, null, null, null, Set.of(), Set.of(), DataScope.ALL, branchId);
    }
}
