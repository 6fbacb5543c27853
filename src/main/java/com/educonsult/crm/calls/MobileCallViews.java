package com.educonsult.crm.calls;

import com.educonsult.crm.platform.web.Page;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** What the Android app reads about calls, in its camelCase. */
final class MobileCallViews {

    private MobileCallViews() {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallView(UUID id, UUID userId, UUID leadId, String deviceCallId, String phoneNumber,
            String phoneE164, String callType, int duration, OffsetDateTime callAt, Integer simSlot,
            Map<String, Object> deviceInfo, String notes, OffsetDateTime notesUpdatedAt, OffsetDateTime createdDate) {

        static MobileCallView of(CallLogs.CallView c) {
            return new MobileCallView(c.id(), c.userId(), c.leadId(), c.deviceCallId(), c.phoneNumber(),
                    c.phoneE164(), c.callType(), c.durationSeconds(), c.calledAt(), c.simSlot(), c.deviceInfo(),
                    c.notes(), c.notesUpdatedAt(), c.createdAt());
        }
    }

    /** synced: the calls now stored (created now or before); each item's result as the canonical sync gives it. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallSyncResult(int synced, int total, int created, int duplicates, int skippedExcluded, int invalid,
            List<MobileCallSyncItemResult> results) {

        static MobileCallSyncResult of(CallSyncRequests.Result r) {
            return new MobileCallSyncResult(r.created() + r.duplicates(), r.total(), r.created(), r.duplicates(),
                    r.skippedExcluded(), r.invalid(), r.results().stream().map(i -> new MobileCallSyncItemResult(
                            i.index(), i.deviceCallId(), i.result(), i.callId(), i.leadId(), camelCase(i.reason())))
                            .toList());
        }

        /** The sync's reasons name the canonical fields; the app knows them in camelCase. */
        private static String camelCase(String reason) {
            if (reason == null) {
                return null;
            }
            return reason.replace("device_call_id", "deviceCallId").replace("phone_number", "phoneNumber")
                    .replace("call_type", "callType");
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallSyncItemResult(int index, String deviceCallId, String result, UUID callLogId, UUID leadId,
            String reason) {
    }

    /** saved, unchanged, not_found or invalid (with the reason). */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallNoteResult(int index, UUID callLogId, String result, String reason) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallNoteSyncResult(int synced, int total, List<MobileCallNoteResult> results) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallPage(List<MobileCallView> callLogs, long totalCount, int pageNo, int pageSize,
            boolean hasMore) {

        static MobileCallPage of(Page<CallLogs.CallView> page, int pageNo, int pageSize) {
            List<MobileCallView> calls = page.items().stream().map(MobileCallView::of).toList();
            long total = page.total() == null ? calls.size() : page.total();
            return new MobileCallPage(calls, total, pageNo, pageSize, (long) pageNo * pageSize < total);
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallSummary(UUID leadId, int totalCalls, int incoming, int outgoing, int missed, int rejected,
            int connected, int totalAttempts, long totalDuration, OffsetDateTime firstCallDate,
            OffsetDateTime lastCallDate) {

        static MobileCallSummary of(CallLogs.LeadCallSummary s) {
            return new MobileCallSummary(s.leadId(), s.total(), s.incoming(), s.outgoing(), s.missed(), s.rejected(),
                    s.connected(), s.attempts(), s.talkTimeSeconds(), s.firstCallAt(), s.lastCallAt());
        }
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallWebNotes(List<MobileCallView> callLogs, OffsetDateTime serverTime) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallExclusion(String number, String reason, OffsetDateTime createdDate) {
    }
}
