package com.educonsult.crm.leads;

import com.educonsult.crm.platform.Text;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.UserSummary;
import com.educonsult.crm.jooq.tables.records.LeadStagesRecord;
import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves leads through the pipeline by its rules: closes the open stage, opens the next with its SLA due time,
 * sets the lead's status and stamps the conversion of a won lead. The lead's row is locked for the change.
 */
@Service
public class StatusChanges {

    public record Change(UUID stageId, StageView currentStage, LeadStatus.Ref previousStatus, LeadStatus.Ref newStatus) {
    }

    public record NextStatuses(LeadStatus.Ref currentStatus, List<LeadStatus> nextPossibleStatuses) {
    }

    private final DSLContext db;
    private final LeadRows rows;
    private final LeadStatuses statuses;
    private final Stages stages;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    StatusChanges(DSLContext db, LeadRows rows, LeadStatuses statuses, Stages stages, UserDirectory users,
            AuditTrail audit, ApplicationEventPublisher events) {
        this.db = db;
        this.rows = rows;
        this.statuses = statuses;
        this.stages = stages;
        this.users = users;
        this.audit = audit;
        this.events = events;
    }

    @Transactional
    public Change change(CurrentUser user, UUID leadId, UUID statusId, String statusCode, String notes, String nextAction) {
        LeadsRecord lead = rows.lockVisible(user, leadId);
        return apply(user, lead, statusId, statusCode, notes, nextAction);
    }

    /** Changes the status of a lead whose row the caller has locked. */
    @Transactional(propagation = Propagation.MANDATORY)
    Change apply(CurrentUser user, LeadsRecord lead, UUID statusId, String statusCode, String notes,
            String nextAction) {
        UUID organizationId = user.organizationId();
        Map<UUID, LeadStatus> pipeline = statuses.byId(organizationId);
        String field = statusId != null ? "status_id" : "status";
        LeadStatus target = statusId != null ? pipeline.get(statusId)
                : pipeline.values().stream().filter(s -> s.code().equals(statusCode)).findFirst().orElse(null);
        if (target == null) {
            throw ApiException.invalid(field, "is not a status of the pipeline");
        }
        LeadStatus from = pipeline.get(lead.getStatusId());
        StatusTransitions rules = new StatusTransitions(pipeline.values());
        if (!rules.allows(from.id(), target.id())) {
            throw refused(field, from, target, rules.nextFrom(from.id()));
        }
        stages.closeOpen(organizationId, lead.getId());
        UUID stageId = stages.open(organizationId, lead.getId(), target, user.userId(), Text.blankToNull(notes),
                Text.blankToNull(nextAction));
        OffsetDateTime now = stages.now();
        var update = db.update(LEADS).set(LEADS.STATUS_ID, target.id()).set(LEADS.UPDATED_AT, now);
        if (target.isWon() && lead.getConvertedAt() == null) {
            update = update.set(LEADS.CONVERTED_AT, now);
        }
        update.where(LEADS.ORGANIZATION_ID.eq(organizationId), LEADS.ID.eq(lead.getId())).execute();
        audit.record("lead.status_changed", "lead", lead.getId(), Map.of("status", from.code()),
                statusChange(target, notes, nextAction));
        events.publishEvent(new LeadEvents.LeadStatusChanged(organizationId, lead.getId(), from.id(), from.name(),
                target.id(), target.name(), user.userId(), Text.blankToNull(notes)));
        StageView stage = view(organizationId, stages.find(organizationId, stageId).orElseThrow(), pipeline);
        return new Change(stageId, stage, from.ref(), target.ref());
    }

    @Transactional(readOnly = true)
    StageView current(CurrentUser user, UUID leadId) {
        LeadsRecord lead = rows.visible(user, leadId);
        LeadStagesRecord stage = stages.current(user.organizationId(), lead.getId())
                .orElseThrow(() -> ApiException.notFound("Current stage"));
        return view(user.organizationId(), stage, statuses.byId(user.organizationId()));
    }

    @Transactional(readOnly = true)
    public List<StageView> history(CurrentUser user, UUID leadId) {
        LeadsRecord lead = rows.visible(user, leadId);
        List<LeadStagesRecord> history = stages.history(user.organizationId(), lead.getId());
        Map<UUID, LeadStatus> pipeline = statuses.byId(user.organizationId());
        Set<UUID> people = history.stream().map(LeadStagesRecord::getChangedBy).filter(java.util.Objects::nonNull)
                .collect(Collectors.toCollection(HashSet::new));
        Map<UUID, UserSummary> names = users.findAll(user.organizationId(), people);
        OffsetDateTime now = stages.now();
        return history.stream().map(s -> StageView.of(s, pipeline, names, now)).toList();
    }

    @Transactional(readOnly = true)
    public NextStatuses next(CurrentUser user, UUID leadId) {
        LeadsRecord lead = rows.visible(user, leadId);
        Map<UUID, LeadStatus> pipeline = statuses.byId(user.organizationId());
        LeadStatus current = pipeline.get(lead.getStatusId());
        return new NextStatuses(current.ref(), new StatusTransitions(pipeline.values()).nextFrom(current.id()));
    }

    /** Changes the notes of a stage of a lead the user may change. */
    @Transactional
    StageView updateNotes(CurrentUser user, UUID stageId, String notes, String nextAction) {
        LeadStagesRecord stage = stages.find(user.organizationId(), stageId)
                .orElseThrow(() -> ApiException.notFound("Stage"));
        rows.lockVisible(user, stage.getLeadId());
        Map<UUID, LeadStatus> pipeline = statuses.byId(user.organizationId());
        StageView before = view(user.organizationId(), stage, pipeline);
        stages.updateNotes(user.organizationId(), stageId, notes, nextAction);
        StageView after = view(user.organizationId(), stages.find(user.organizationId(), stageId).orElseThrow(), pipeline);
        audit.record("lead_stage.updated", "lead_stage", stageId, before, after);
        return after;
    }

    private StageView view(UUID organizationId, LeadStagesRecord stage, Map<UUID, LeadStatus> pipeline) {
        Map<UUID, UserSummary> names = stage.getChangedBy() == null ? Map.of()
                : users.findAll(organizationId, Set.of(stage.getChangedBy()));
        return StageView.of(stage, pipeline, names, stages.now());
    }

    private static ApiException refused(String field, LeadStatus from, LeadStatus target, List<LeadStatus> allowed) {
        String names = allowed.isEmpty() ? "none" : allowed.stream().map(LeadStatus::code).collect(Collectors.joining(", "));
        String message = "A lead in '" + from.name() + "' cannot move to '" + target.name() + "'"
                + (target.active() ? "" : " (inactive)") + "; allowed next statuses: " + names;
        List<FieldError> errors = allowed.isEmpty()
                ? List.of(new FieldError(field, "no status may follow '" + from.code() + "'"))
                : allowed.stream().map(s -> new FieldError(field, "allowed: " + s.code() + " (" + s.id() + ")")).toList();
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, message, errors);
    }

    private static Map<String, Object> statusChange(LeadStatus target, String notes, String nextAction) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", target.code());
        after.put("notes", notes);
        after.put("next_action", nextAction);
        return after;
    }

}
