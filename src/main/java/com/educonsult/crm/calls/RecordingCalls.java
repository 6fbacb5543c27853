package com.educonsult.crm.calls;

import static com.educonsult.crm.jooq.Tables.CALL_LOGS;

import com.educonsult.crm.jooq.tables.records.CallRecordingsRecord;
import org.jooq.DSLContext;

/** Keeps a call's row showing its current recording and that recording's status. */
final class RecordingCalls {

    private RecordingCalls() {
    }

    static void show(DSLContext db, CallRecordingsRecord recording) {
        db.update(CALL_LOGS)
                .set(CALL_LOGS.RECORDING_ID, recording.getId())
                .set(CALL_LOGS.RECORDING_STATUS, recording.getStatus())
                .where(CALL_LOGS.ORGANIZATION_ID.eq(recording.getOrganizationId()),
                        CALL_LOGS.ID.eq(recording.getCallLogId()),
                        // an older attempt never hides a newer one
                        CALL_LOGS.RECORDING_ID.isNull().or(CALL_LOGS.RECORDING_ID.le(recording.getId())))
                .execute();
    }
}
