package com.educonsult.crm.activities;

import com.educonsult.crm.calls.CallLogged;
import com.educonsult.crm.calls.CallsLogged;
import com.educonsult.crm.platform.audit.AuditTrail;
import java.util.List;
import java.util.UUID;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Puts calls synced from the phones on the leads' timelines, in the sync's transaction and in bulk: one insert
 * for the batch, one audit entry for the batch, one engagement recomputation per lead.
 *
 * <p>The engagement is decided here but written by the end of the transaction: the calls module adds the batch's
 * statistics to the leads after this event, and that one statement locks the batch's leads in id order and writes
 * both. A batch thus locks and writes each of its leads once, as late as it can, which is what lets concurrent
 * batches that share leads wait on each other briefly and never deadlock.
 */
@Component
class CallActivityRecorder {

    private final Activities activities;
    private final Engagement engagement;
    private final AuditTrail audit;

    CallActivityRecorder(Activities activities, Engagement engagement, AuditTrail audit) {
        this.activities = activities;
        this.engagement = engagement;
        this.audit = audit;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CallsLogged batch) {
        List<Activities.Draft> drafts = batch.calls().stream().map(CallActivityRecorder::draft).toList();
        List<UUID> ids = activities.recordCalls(batch.organizationId(), drafts);
        audit.recordBy(batch.userId(), "activity.created", "activity", null, null,
                Map.of("source", "call_sync", "count", ids.size(), "activity_ids", ids));
        engagement.applyAtCommit(batch.organizationId(), engagement.decide(batch.organizationId(),
                drafts.stream().map(Activities.Draft::leadId).distinct().toList()));
    }

    private static Activities.Draft draft(CallLogged event) {
        Map<String, Object> details = new HashMap<>();
        details.put("call_id", event.callId());
        details.put("call_type", event.callType());
        String outcome = outcome(event);
        String description = switch (event.callType()) {
            case "incoming" -> "Incoming call";
            case "outgoing" -> event.connected() ? "Outgoing call" : "Outgoing call, not answered";
            case "missed" -> "Missed call";
            default -> "Rejected call";
        };
        return new Activities.Draft(event.leadId(), event.userId(), "call", event.direction(), description, outcome,
                event.durationSeconds(), event.calledAt(), null, null, "completed", details, null);
    }

    private static String outcome(CallLogged event) {
        if (event.connected()) {
            return "connected";
        }
        return "outgoing".equals(event.callType()) || "incoming".equals(event.callType()) ? "unanswered"
                : event.callType();
    }
}
