package com.educonsult.crm.activities;

import com.educonsult.crm.leads.LeadEvents;
import com.educonsult.crm.platform.audit.AuditTrail;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts stage changes and assignments on the lead's timeline as activities, and moves a merged lead's notes,
 * activities and tasks to the lead that survives it; in the transaction of the change, so both commit or neither.
 */
@Component
class LeadEventRecorder {

    private final Activities activities;
    private final Notes notes;
    private final Tasks tasks;
    private final ActorNames names;
    private final AuditTrail audit;

    LeadEventRecorder(Activities activities, Notes notes, Tasks tasks, ActorNames names, AuditTrail audit) {
        this.activities = activities;
        this.notes = notes;
        this.tasks = tasks;
        this.names = names;
        this.audit = audit;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadStatusChanged event) {
        Map<String, Object> details = new HashMap<>();
        details.put("from_status_id", event.fromStatusId());
        details.put("from_status", event.fromStatus());
        details.put("to_status_id", event.toStatusId());
        details.put("to_status", event.toStatus());
        details.put("notes", event.notes());
        String description = event.fromStatus() == null
                ? "Status set to " + event.toStatus()
                : "Status changed from " + event.fromStatus() + " to " + event.toStatus();
        record(event.organizationId(), event.byUserId(), Activities.Draft.of(event.leadId(), event.byUserId(),
                "status_change", description, details));
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadAssigned event) {
        Map<UUID, String> userNames = names.of(event.organizationId(),
                java.util.stream.Stream.of(event.previousUserId(), event.assigneeId()).toList());
        record(event.organizationId(), event.byUserId(), assignment(event, userNames));
    }

    /** Many assignments at once (an import's new leads): the activities and their audit entries in bulk. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadsAssigned event) {
        UUID organizationId = event.organizationId();
        Map<UUID, String> userNames = names.of(organizationId, event.assignments().stream()
                .flatMap(a -> java.util.stream.Stream.of(a.previousUserId(), a.assigneeId()))
                .filter(java.util.Objects::nonNull).distinct().toList());
        List<Activities.Draft> drafts = event.assignments().stream().map(a -> assignment(a, userNames)).toList();
        List<UUID> ids = activities.recordAll(organizationId, drafts);
        Map<UUID, List<AuditTrail.Entry>> byActor = new java.util.LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) {
            Activities.Draft draft = drafts.get(i);
            Map<String, Object> after = new HashMap<>();
            after.put("id", ids.get(i));
            after.put("lead_id", draft.leadId());
            after.put("activity_type", draft.type());
            after.put("description", draft.description());
            byActor.computeIfAbsent(draft.userId(), k -> new java.util.ArrayList<>())
                    .add(new AuditTrail.Entry(ids.get(i), null, after));
        }
        byActor.forEach((actor, entries) -> audit.recordAll(actor, "activity.created", "activity", entries));
    }

    private static Activities.Draft assignment(LeadEvents.LeadAssigned event, Map<UUID, String> userNames) {
        String from = userNames.get(event.previousUserId());
        String to = userNames.get(event.assigneeId());
        Map<String, Object> details = new HashMap<>();
        details.put("action", event.action());
        details.put("previous_user_id", event.previousUserId());
        details.put("previous_user_name", from);
        details.put("assignee_id", event.assigneeId());
        details.put("assignee_name", to);
        details.put("reason", event.reason());
        String description = event.assigneeId() == null
                ? "Unassigned" + (from == null ? "" : " from " + from)
                : "Assigned to " + to + (from == null ? "" : " (from " + from + ")");
        return Activities.Draft.of(event.leadId(), event.byUserId(), "assignment", description, details);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadsMerged event) {
        UUID organizationId = event.organizationId();
        Map<String, Object> moved = Map.of(
                "merged_lead_id", event.mergedLeadId().toString(),
                "notes", notes.moveLead(organizationId, event.mergedLeadId(), event.survivingLeadId()),
                "activities", activities.moveLead(organizationId, event.mergedLeadId(), event.survivingLeadId()),
                "tasks", tasks.moveLead(organizationId, event.mergedLeadId(), event.survivingLeadId()));
        audit.recordBy(event.byUserId(), "activities.moved", "lead", event.survivingLeadId(), null, moved);
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadEnquiredAgain event) {
        Map<String, Object> details = new HashMap<>();
        details.put("platform", event.platform());
        details.put("source", event.source());
        details.put("matched_by", event.matchedBy());
        details.put("filled", event.filled());
        String where = event.source() != null ? event.source() : event.platform() != null ? event.platform() : "a form";
        String description = "Enquired again through " + where.replace('_', ' ')
                + (event.filled().isEmpty() ? "" : "; added " + String.join(", ", event.filled()).replace('_', ' '));
        Activities.Draft draft = Activities.Draft.of(event.leadId(), null, "enquiry", description, details);
        record(event.organizationId(), null, draft);
    }

    /** Records the activity and its audit entry; also the writing path of the other recorders. */
    void record(UUID organizationId, UUID actorId, Activities.Draft draft) {
        Activities.ActivityView created = activities.recordAndView(organizationId, draft);
        audit.recordBy(actorId, "activity.created", "activity", created.id(), null, created);
    }
}
