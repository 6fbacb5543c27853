package com.educonsult.crm.activities;

import com.educonsult.crm.calls.CallNoted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Keeps the lead's note for a call equal to the call's note, in the transaction that wrote it. */
@Component
class CallNoteRecorder {

    private final Notes notes;

    CallNoteRecorder(Notes notes) {
        this.notes = notes;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(CallNoted event) {
        notes.saveCallNote(event.organizationId(), event.leadId(), event.callId(), event.callUserId(),
                event.byUserId(), event.content());
    }
}
