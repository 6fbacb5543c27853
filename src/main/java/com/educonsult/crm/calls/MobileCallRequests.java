package com.educonsult.crm.calls;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** Request bodies of the Android app's call routes, in the app's camelCase. */
final class MobileCallRequests {

    static final String TYPES = "incoming|outgoing|missed|rejected";
    static final int MAX_PAGE_SIZE = 200;

    private MobileCallRequests() {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallSync(@NotNull @Size(max = CallSyncRequests.MAX_BATCH) List<MobileCallSyncItem> callLogs) {

        /** The same calls as the canonical sync takes: only the field names differ. */
        List<CallSyncRequests.Item> items() {
            return callLogs.stream().map(i -> i == null ? null : new CallSyncRequests.Item(i.deviceCallId(),
                    i.phoneNumber(), i.callType(), i.duration(), i.timestamp(), i.simSlot(), i.deviceInfo())).toList();
        }
    }

    /** One call of the phone's log; checked item by item by the sync, so one bad item does not fail the batch. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallSyncItem(String deviceCallId, String phoneNumber, String callType, Integer duration,
            Object timestamp, Integer simSlot, Map<String, Object> deviceInfo) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallDetails(@NotNull UUID callLogId) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallNoteSync(@NotNull @Size(max = CallSyncRequests.MAX_BATCH) List<MobileCallNote> notes) {
    }

    /** A note the app took for a call; checked item by item. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallNote(UUID callLogId, String content) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileCallNotesSince(@NotNull OffsetDateTime since) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileLeadCalls(@NotNull UUID leadId, @Min(1) @Max(100_000) Integer pageNo,
            @Min(1) @Max(MAX_PAGE_SIZE) Integer pageSize) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileLeadCallSummary(@NotNull UUID leadId) {
    }

    /** A user's calls (the caller's when userId is absent) on days of the organization's calendar. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record MobileEmployeeCalls(UUID userId, LocalDate fromDate, LocalDate toDate,
            @Pattern(regexp = TYPES) String callType, @Min(1) @Max(100_000) Integer pageNo,
            @Min(1) @Max(MAX_PAGE_SIZE) Integer pageSize) {
    }
}
