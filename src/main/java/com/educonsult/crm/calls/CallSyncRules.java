package com.educonsult.crm.calls;

import com.educonsult.crm.platform.PhoneNumbers;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** How one synced call is read and classified; no database. */
final class CallSyncRules {

    static final Set<String> TYPES = Set.of("incoming", "outgoing", "missed", "rejected");

    private CallSyncRules() {
    }

    /** A call item that passed the checks, with its number in E.164 and its time in UTC. */
    record Checked(int index, String deviceCallId, String phoneNumber, String phoneE164, String callType,
            int durationSeconds, OffsetDateTime calledAt, Integer simSlot, Map<String, Object> deviceInfo) {

        boolean attempt() {
            return isAttempt(callType, durationSeconds);
        }

        boolean connected() {
            return isConnected(callType, durationSeconds);
        }
    }

    /** An attempt is a call that did not reach the person: missed, rejected, or outgoing and unanswered. */
    static boolean isAttempt(String callType, int durationSeconds) {
        return "missed".equals(callType) || "rejected".equals(callType)
                || ("outgoing".equals(callType) && durationSeconds == 0);
    }

    static boolean isConnected(String callType, int durationSeconds) {
        return ("incoming".equals(callType) || "outgoing".equals(callType)) && durationSeconds > 0;
    }

    /** Epoch milliseconds (number or digits) or an ISO-8601 instant or offset date-time. */
    static Optional<OffsetDateTime> parseTimestamp(Object value) {
        if (value instanceof Number number) {
            return fromMillis(number.longValue());
        }
        if (!(value instanceof String text) || text.isBlank()) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        if (trimmed.chars().allMatch(Character::isDigit) && trimmed.length() <= 15) {
            return fromMillis(Long.parseLong(trimmed));
        }
        try {
            return Optional.of(OffsetDateTime.parse(trimmed).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<OffsetDateTime> fromMillis(long millis) {
        if (millis <= 0 || millis > 32503680000000L) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    /** The checked call, or the reason it is invalid. */
    static Object check(int index, CallSyncRequests.Item item, String phoneRegion) {
        if (item == null) {
            return "missing call log";
        }
        if (item.deviceCallId() == null || item.deviceCallId().isBlank()) {
            return "device_call_id is required";
        }
        if (item.deviceCallId().length() > 200) {
            return "device_call_id is too long";
        }
        if (item.phoneNumber() == null || item.phoneNumber().isBlank()) {
            return "phone_number is required";
        }
        Optional<String> e164 = PhoneNumbers.normalize(item.phoneNumber(), phoneRegion);
        if (e164.isEmpty()) {
            return "phone_number is not a valid phone number";
        }
        if (item.callType() == null || item.callType().isBlank()) {
            return "call_type is required";
        }
        String type = item.callType().trim().toLowerCase(java.util.Locale.ROOT);
        if (!TYPES.contains(type)) {
            return "call_type must be one of incoming, outgoing, missed, rejected";
        }
        int duration = item.duration() == null ? 0 : item.duration();
        if (duration < 0) {
            return "duration must not be negative";
        }
        if (item.timestamp() == null) {
            return "timestamp is required";
        }
        Optional<OffsetDateTime> calledAt = parseTimestamp(item.timestamp());
        if (calledAt.isEmpty()) {
            return "timestamp must be epoch milliseconds or an ISO-8601 date-time";
        }
        return new Checked(index, item.deviceCallId().trim(), item.phoneNumber().trim(), e164.get(), type,
                duration, calledAt.get(), item.simSlot(), item.deviceInfo() == null ? Map.of() : item.deviceInfo());
    }
}
