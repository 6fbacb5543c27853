package com.educonsult.crm.identity;

import com.educonsult.crm.platform.web.ApiException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A user's preferences: a JSON object with known keys only, so that a typo is an error instead of a setting
 * nobody reads.
 */
final class Preferences {

    static final Set<String> KEYS = Set.of("time_zone", "language", "notifications", "theme");
    static final Set<String> NOTIFICATION_CHANNELS = Set.of("email", "sms", "push", "whatsapp");
    static final Set<String> THEMES = Set.of("light", "dark", "system");
    private static final String LANGUAGE = "^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$";

    private Preferences() {
    }

    /** The stored preferences with the changes applied, each checked; a null value removes its key. */
    static Map<String, Object> merge(Map<String, Object> stored, Map<String, Object> changes) {
        Map<String, Object> merged = new LinkedHashMap<>(stored);
        for (Map.Entry<String, Object> change : changes.entrySet()) {
            String key = change.getKey();
            Object value = change.getValue();
            if (!KEYS.contains(key)) {
                throw ApiException.invalid("preferences." + key, "is not a known preference; known are " + KEYS);
            }
            if (value == null) {
                merged.remove(key);
            } else if (key.equals("notifications")) {
                merged.put(key, notifications(merged.get(key), value));
            } else {
                merged.put(key, checked(key, value));
            }
        }
        return merged;
    }

    private static Object checked(String key, Object value) {
        String field = "preferences." + key;
        if (!(value instanceof String text)) {
            throw ApiException.invalid(field, "must be a string");
        }
        return switch (key) {
            case "time_zone" -> timeZone(field, text);
            case "language" -> {
                if (!text.matches(LANGUAGE)) {
                    throw ApiException.invalid(field, "must be a language tag such as en or hi-IN");
                }
                yield text;
            }
            case "theme" -> {
                if (!THEMES.contains(text)) {
                    throw ApiException.invalid(field, "must be one of " + THEMES);
                }
                yield text;
            }
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static String timeZone(String field, String zone) {
        try {
            return ZoneId.of(zone).getId();
        } catch (Exception e) {
            throw ApiException.invalid(field, "is not a known time zone such as Asia/Kolkata");
        }
    }

    private static Map<String, Object> notifications(Object stored, Object value) {
        if (!(value instanceof Map<?, ?> changes)) {
            throw ApiException.invalid("preferences.notifications", "must be an object of channels and booleans");
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        if (stored instanceof Map<?, ?> previous) {
            previous.forEach((channel, enabled) -> merged.put(String.valueOf(channel), enabled));
        }
        for (Map.Entry<?, ?> change : changes.entrySet()) {
            String channel = String.valueOf(change.getKey());
            String field = "preferences.notifications." + channel;
            if (!NOTIFICATION_CHANNELS.contains(channel)) {
                throw ApiException.invalid(field, "is not a known channel; known are " + NOTIFICATION_CHANNELS);
            }
            if (!(change.getValue() instanceof Boolean enabled)) {
                throw ApiException.invalid(field, "must be true or false");
            }
            merged.put(channel, enabled);
        }
        return merged;
    }
}
