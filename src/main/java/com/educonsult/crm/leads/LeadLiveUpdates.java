package com.educonsult.crm.leads;

import com.educonsult.crm.platform.live.LiveEvent;
import com.educonsult.crm.platform.live.LiveEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.stereotype.Component;

/**
 * Turns lead events into live events for the users who may see the lead. They are published just before the
 * transaction commits, so that they show the lead as the whole change left it (a new lead is assigned by a
 * later listener of the same transaction), and are sent when it commits, to every server process.
 */
@Component
class LeadLiveUpdates {

    private final LeadDirectory leads;
    private final LiveEvents live;

    LeadLiveUpdates(LeadDirectory leads, LiveEvents live) {
        this.leads = leads;
        this.live = live;
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(LeadEvents.LeadCreated event) {
        publish(event.organizationId(), event.leadId(), "lead.created", Map.of());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(LeadEvents.LeadUpdated event) {
        publish(event.organizationId(), event.leadId(), "lead.updated", Map.of());
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(LeadEvents.LeadAssigned event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("previous_user_id", event.previousUserId());
        data.put("action", event.action());
        publish(event.organizationId(), event.leadId(), "lead.assigned", data);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(LeadEvents.LeadStatusChanged event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("from_status", event.fromStatus());
        data.put("to_status", event.toStatus());
        data.put("to_status_id", event.toStatusId());
        publish(event.organizationId(), event.leadId(), "lead.status_changed", data);
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(LeadEvents.LeadDeleted event) {
        publishEvenIfDeleted(event.organizationId(), event.leadId());
    }

    /** A batch of an import: one event for its leads (those who see the whole organization are told). */
    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(LeadEvents.LeadsImported event) {
        live.publish(new LiveEvent(event.organizationId(), "leads.imported", "leads:read", null, Map.of(
                "import_id", event.importId(), "created", event.created(), "updated", event.updated())));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT)
    void on(LeadEvents.LeadImportUndone event) {
        live.publish(new LiveEvent(event.organizationId(), "leads.import_undone", "leads:read", null, Map.of(
                "import_id", event.importId(), "removed", event.removed(), "reverted", event.reverted())));
    }

    private void publish(UUID organizationId, UUID leadId, String type, Map<String, Object> extra) {
        leads.find(organizationId, leadId).ifPresent(lead -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", lead.id());
            data.put("full_name", lead.fullName());
            data.put("status_id", lead.statusId());
            data.put("assigned_to", lead.assignedTo());
            data.put("branch_id", lead.branchId());
            data.putAll(extra);
            live.publish(new LiveEvent(organizationId, type, "leads:read",
                    new LiveEvent.Audience(lead.assignedTo(), lead.branchId()), data));
        });
    }

    private void publishEvenIfDeleted(UUID organizationId, UUID leadId) {
        live.publish(new LiveEvent(organizationId, "lead.deleted", "leads:read", null, Map.of("id", leadId)));
    }
}
