package com.educonsult.crm.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CallSyncRulesTest {

    @Test
    void missedRejectedAndUnansweredOutgoingCallsAreAttempts() {
        assertThat(CallSyncRules.isAttempt("missed", 0)).isTrue();
        assertThat(CallSyncRules.isAttempt("rejected", 0)).isTrue();
        assertThat(CallSyncRules.isAttempt("outgoing", 0)).isTrue();
        assertThat(CallSyncRules.isAttempt("outgoing", 30)).isFalse();
        assertThat(CallSyncRules.isAttempt("incoming", 30)).isFalse();
    }

    @Test
    void onlyAnsweredCallsThatLastedAreConnected() {
        assertThat(CallSyncRules.isConnected("incoming", 5)).isTrue();
        assertThat(CallSyncRules.isConnected("outgoing", 1)).isTrue();
        assertThat(CallSyncRules.isConnected("outgoing", 0)).isFalse();
        assertThat(CallSyncRules.isConnected("missed", 0)).isFalse();
    }

    @Test
    void timestampsAreEpochMillisOrIsoDateTimes() {
        OffsetDateTime expected = OffsetDateTime.parse("2024-03-01T10:15:30Z");
        assertThat(CallSyncRules.parseTimestamp(1709288130000L)).contains(expected);
        assertThat(CallSyncRules.parseTimestamp("1709288130000")).contains(expected);
        assertThat(CallSyncRules.parseTimestamp("2024-03-01T15:45:30+05:30")).contains(expected);
        assertThat(CallSyncRules.parseTimestamp("2024-03-01T10:15:30Z")).contains(expected);
        assertThat(CallSyncRules.parseTimestamp("yesterday")).isEmpty();
        assertThat(CallSyncRules.parseTimestamp(-5)).isEmpty();
        assertThat(CallSyncRules.parseTimestamp(java.util.Map.of())).isEmpty();
    }

    @Test
    void anItemIsCheckedFieldByField() {
        var good = new CallSyncRequests.Item("a1", "098765 43210", "Outgoing", 0, 1709288130000L, 1, null);
        assertThat(CallSyncRules.check(0, good, "IN")).isInstanceOfSatisfying(CallSyncRules.Checked.class, c -> {
            assertThat(c.phoneE164()).isEqualTo("+919876543210");
            assertThat(c.callType()).isEqualTo("outgoing");
            assertThat(c.attempt()).isTrue();
        });
        assertThat(CallSyncRules.check(0, new CallSyncRequests.Item("a1", "12", "incoming", 0, 1L, null, null), "IN"))
                .isEqualTo("phone_number is not a valid phone number");
        assertThat(CallSyncRules.check(0, new CallSyncRequests.Item("a1", "9876543210", "voip", 0, 1L, null, null),
                "IN")).asString().startsWith("call_type");
        assertThat(CallSyncRules.check(0, new CallSyncRequests.Item("a1", "9876543210", "missed", -1,
                1709288130000L, null, null), "IN")).isEqualTo("duration must not be negative");
        assertThat(CallSyncRules.check(0, new CallSyncRequests.Item(null, "9876543210", "missed", 0,
                1709288130000L, null, null), "IN")).isEqualTo("device_call_id is required");
        assertThat(CallSyncRules.check(0, new CallSyncRequests.Item("a1", "9876543210", "missed", 0, null, null,
                null), "IN")).isEqualTo("timestamp is required");
        assertThat(CallSyncRules.check(0, null, "IN")).isEqualTo("missing call log");
    }
}
