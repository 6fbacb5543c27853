package com.educonsult.crm.activities;

import com.educonsult.crm.calls.CallLogged;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Puts calls synced from the phones on the lead's timeline, in the sync's transaction. */
@Component
class CallActivityRecorder {

    private final LeadEventRecorder recorder;

    CallActivityRecorder(LeadEventRecorder recorder) {
        this.recorder = recorder;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CallLogged event) {
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
        recorder.record(event.organizationId(), event.userId(), new Activities.Draft(event.leadId(), event.userId(),
                "call", event.direction(), description, outcome, event.durationSeconds(), event.calledAt(), null,
                null, "completed", details, null));
    }

    private static String outcome(CallLogged event) {
        if (event.connected()) {
            return "connected";
        }
        return "outgoing".equals(event.callType()) || "incoming".equals(event.callType()) ? "unanswered"
                : event.callType();
    }
}
