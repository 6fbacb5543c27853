package com.educonsult.crm.integrations.webhooks;

import static com.educonsult.crm.jooq.Tables.WEBHOOK_DELIVERIES;

import com.educonsult.crm.activities.ActivityEvents;
import com.educonsult.crm.calls.CallLogged;
import com.educonsult.crm.calls.CallsLogged;
import com.educonsult.crm.calls.RecordingUploaded;
import com.educonsult.crm.leads.LeadDirectory;
import com.educonsult.crm.leads.LeadEvents;
import com.educonsult.crm.leads.LeadSummary;
import com.educonsult.crm.platform.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep6;
import org.jooq.Record;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of outgoing webhooks: for each change the other modules announce, one delivery per active endpoint of
 * the organization that takes the event, written in the change's transaction (so a change that rolls back sends
 * nothing and one that commits is never lost). An organization with no endpoint for the event pays one cached
 * look-up, nothing else.
 */
@Component
class WebhookOutbox {

    /** Deliveries written by one statement (each takes six bind values; PostgreSQL takes 32767). */
    static final int ROWS_PER_STATEMENT = 1000;

    private final DSLContext db;
    private final Subscriptions subscriptions;
    private final LeadDirectory leads;
    private final JsonMapper json;
    private final Clock clock;

    WebhookOutbox(DSLContext db, Subscriptions subscriptions, LeadDirectory leads, JsonMapper json, Clock clock) {
        this.db = db;
        this.subscriptions = subscriptions;
        this.leads = leads;
        this.json = json;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadCreated event) {
        enqueue(event.organizationId(), "lead.created", () -> {
            Map<String, Object> data = lead(event.organizationId(), event.leadId());
            data.put("platform", event.platform());
            data.put("source", event.source());
            data.put("created_by", event.byUserId());
            return List.of(data);
        });
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadUpdated event) {
        enqueue(event.organizationId(), "lead.updated", () -> {
            Map<String, Object> data = lead(event.organizationId(), event.leadId());
            data.put("updated_by", event.byUserId());
            return List.of(data);
        });
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadStatusChanged event) {
        enqueue(event.organizationId(), "lead.status_changed", () -> {
            Map<String, Object> data = lead(event.organizationId(), event.leadId());
            data.put("from_status_id", event.fromStatusId());
            data.put("from_status", event.fromStatus());
            data.put("to_status_id", event.toStatusId());
            data.put("to_status", event.toStatus());
            data.put("notes", event.notes());
            data.put("changed_by", event.byUserId());
            return List.of(data);
        });
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadAssigned event) {
        enqueue(event.organizationId(), "lead.assigned", () -> List.of(assignment(event)));
    }

    /** Many leads given owners at once (an import): one event per lead, written together. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(LeadEvents.LeadsAssigned event) {
        enqueue(event.organizationId(), "lead.assigned",
                () -> event.assignments().stream().map(WebhookOutbox::assignment).toList());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(ActivityEvents.NoteCreated event) {
        enqueue(event.organizationId(), "note.created", () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", event.noteId());
            data.put("lead_id", event.leadId());
            data.put("author_id", event.authorId());
            data.put("type", event.type());
            data.put("content", event.content());
            data.put("priority", event.priority());
            data.put("is_private", event.isPrivate());
            data.put("call_id", event.callId());
            data.put("created_at", event.createdAt());
            return List.of(data);
        });
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(ActivityEvents.TaskCreated event) {
        enqueue(event.organizationId(), "task.created", () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", event.taskId());
            data.put("lead_id", event.leadId());
            data.put("title", event.title());
            data.put("kind", event.kind());
            data.put("priority", event.priority());
            data.put("due_at", event.dueAt());
            data.put("assignee_id", event.assigneeId());
            data.put("created_by", event.createdBy());
            data.put("created_at", event.createdAt());
            return List.of(data);
        });
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(ActivityEvents.TaskCompleted event) {
        enqueue(event.organizationId(), "task.completed", () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", event.taskId());
            data.put("lead_id", event.leadId());
            data.put("title", event.title());
            data.put("kind", event.kind());
            data.put("outcome", event.outcome());
            data.put("assignee_id", event.assigneeId());
            data.put("completed_by", event.completedBy());
            data.put("completed_at", event.completedAt());
            return List.of(data);
        });
    }

    /** A sync batch's new calls matched to leads: one event per call, written together. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CallsLogged event) {
        enqueue(event.organizationId(), "call.synced", () -> event.calls().stream().map(WebhookOutbox::call).toList());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(RecordingUploaded event) {
        enqueue(event.organizationId(), "recording.uploaded", () -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", event.recordingId());
            data.put("call_id", event.callId());
            data.put("lead_id", event.leadId());
            data.put("user_id", event.userId());
            data.put("duration_seconds", event.durationSeconds());
            data.put("size_bytes", event.sizeBytes());
            data.put("format", event.format());
            data.put("uploaded_at", event.uploadedAt());
            return List.of(data);
        });
    }

    /**
     * Writes one delivery of each event's data to every active endpoint of the organization that takes the type;
     * the data is made only when there is such an endpoint.
     */
    void enqueue(UUID organizationId, String eventType, Supplier<List<Map<String, Object>>> data) {
        List<UUID> endpoints = subscriptions.subscribed(organizationId, eventType);
        if (endpoints.isEmpty()) {
            return;
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        List<String> payloads = new ArrayList<>();
        for (Map<String, Object> item : data.get()) {
            payloads.add(payload(eventType, now, item));
        }
        if (payloads.isEmpty()) {
            return;
        }
        InsertValuesStep6<? extends Record, UUID, UUID, UUID, String, String, OffsetDateTime> insert = null;
        int rows = 0;
        for (String payload : payloads) {
            for (UUID endpoint : endpoints) {
                if (insert == null) {
                    insert = db.insertInto(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.ORGANIZATION_ID,
                            WEBHOOK_DELIVERIES.ID, WEBHOOK_DELIVERIES.ENDPOINT_ID, WEBHOOK_DELIVERIES.EVENT_TYPE,
                            WEBHOOK_DELIVERIES.PAYLOAD, WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT);
                }
                insert = insert.values(organizationId, Ids.newId(), endpoint, eventType, payload, now);
                if (++rows == ROWS_PER_STATEMENT) {
                    insert.execute();
                    insert = null;
                    rows = 0;
                }
            }
        }
        if (insert != null) {
            insert.execute();
        }
    }

    /** The body sent: {"type": ..., "timestamp": ..., "data": {...}}, as Standard Webhooks lays it out. */
    String payload(String eventType, OffsetDateTime at, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", eventType);
        body.put("timestamp", at);
        body.put("data", data);
        return json.writeValueAsString(body);
    }

    private Map<String, Object> lead(UUID organizationId, UUID leadId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", leadId);
        LeadSummary lead = leads.find(organizationId, leadId).orElse(null);
        if (lead != null) {
            data.put("first_name", lead.firstName());
            data.put("last_name", lead.lastName());
            data.put("full_name", lead.fullName());
            data.put("phone", lead.phone());
            data.put("email", lead.email());
            data.put("status_id", lead.statusId());
            data.put("assigned_to", lead.assignedTo());
            data.put("branch_id", lead.branchId());
        }
        return data;
    }

    private static Map<String, Object> assignment(LeadEvents.LeadAssigned event) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", event.leadId());
        data.put("assignee_id", event.assigneeId());
        data.put("previous_user_id", event.previousUserId());
        data.put("action", event.action());
        data.put("reason", event.reason());
        data.put("assigned_by", event.byUserId());
        return data;
    }

    private static Map<String, Object> call(CallLogged call) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", call.callId());
        data.put("lead_id", call.leadId());
        data.put("user_id", call.userId());
        data.put("call_type", call.callType());
        data.put("direction", call.direction());
        data.put("duration_seconds", call.durationSeconds());
        data.put("connected", call.connected());
        data.put("called_at", call.calledAt());
        return data;
    }
}
