package com.educonsult.crm.calls;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

final class CallSyncRequests {

    static final int MAX_BATCH = 500;

    private CallSyncRequests() {
    }

    record Sync(@NotNull @Size(max = MAX_BATCH) List<Item> callLogs) {
    }

    /** One call of the phone's log; checked item by item so that one bad item does not fail the batch. */
    record Item(String deviceCallId, String phoneNumber, String callType, Integer duration, Object timestamp,
            Integer simSlot, Map<String, Object> deviceInfo) {
    }

    /** created, duplicate, skipped_excluded or invalid (with the reason). */
    record ItemResult(int index, String deviceCallId, String result, UUID callId, UUID leadId, String reason) {
    }

    record Result(int total, int created, int duplicates, int skippedExcluded, int invalid, List<ItemResult> results) {
    }
}
