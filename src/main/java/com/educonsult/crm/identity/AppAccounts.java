package com.educonsult.crm.identity;

import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * What the Android app asks about its organization and user: its settings, the features it may use and the
 * organization's plan. The product has no billing: the plan, its expiry and the seat limit are what the
 * organization's settings say, and nothing here claims a payment state.
 */
@Service
class AppAccounts {

    /** Organization settings the app reads, with their defaults. */
    static final String CALL_RECORDING = "call_recording_enabled";
    static final String SYNC_INTERVAL = "sync_interval_minutes";
    static final String MAX_USERS = "max_users";
    static final String FEATURES = "features";
    static final int DEFAULT_SYNC_INTERVAL_MINUTES = 15;

    /**
     * @param active false once the plan's expiry has passed; a plan without expiry stays active
     * @param seatsAllowed the organization's {@code max_users} setting; null when it sets no limit
     */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record Subscription(String plan, OffsetDateTime expiresAt, boolean active, int seatsUsed, Integer seatsAllowed,
            long storageQuotaBytes, int recordingRetentionDays, Map<String, Boolean> features) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record AppSettings(UUID organizationId, String organizationName, String organizationSlug, String timeZone,
            String currency, String country, boolean callRecordingEnabled, int syncIntervalMinutes,
            int recordingRetentionDays, Map<String, Boolean> features, AppPreferences userSettings) {
    }

    /**
     * @param normalized the number in E.164, null when it is not a valid phone number
     * @param employee whether a user of the organization has this number
     */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record NumberCheck(String phone, boolean valid, String normalized, boolean employee, UUID employeeId,
            String employeeName, boolean self) {
    }

    private final OrganizationSettings organizations;
    private final Organizations registry;
    private final Users users;
    private final Profiles profiles;
    private final Clock clock;

    AppAccounts(OrganizationSettings organizations, Organizations registry, Users users, Profiles profiles,
            Clock clock) {
        this.organizations = organizations;
        this.registry = registry;
        this.users = users;
        this.profiles = profiles;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    Subscription subscription(UUID organizationId) {
        OrganizationSettings.OrganizationView organization = organizations.get(organizationId);
        OffsetDateTime expiresAt = organization.subscriptionExpiresAt();
        return new Subscription(organization.subscriptionPlan(), expiresAt,
                expiresAt == null || expiresAt.isAfter(OffsetDateTime.now(clock)), users.countActive(organizationId),
                positiveInt(organization.settings().get(MAX_USERS)).orElse(null), organization.storageQuotaBytes(),
                organization.recordingRetentionDays(), features(organization.settings()));
    }

    @Transactional(readOnly = true)
    Map<String, Boolean> features(UUID organizationId) {
        return features(organizations.get(organizationId).settings());
    }

    @Transactional(readOnly = true)
    AppSettings settings(CurrentUser user) {
        OrganizationSettings.OrganizationView organization = organizations.get(user.organizationId());
        Map<String, Object> settings = organization.settings();
        Map<String, Boolean> features = features(settings);
        return new AppSettings(organization.id(), organization.name(), organization.slug(), organization.timeZone(),
                organization.currency(), organization.country(), features.get("callRecording"),
                positiveInt(settings.get(SYNC_INTERVAL)).orElse(DEFAULT_SYNC_INTERVAL_MINUTES),
                organization.recordingRetentionDays(), features, profiles.appPreferences(user));
    }

    /** Whether a number is a valid phone number and whether a user of the organization has it. */
    @Transactional(readOnly = true)
    NumberCheck validateNumber(CurrentUser user, String phone) {
        Optional<String> normalized = PhoneNumbers.normalize(phone, registry.phoneRegion(user.organizationId()));
        var owner = normalized.flatMap(e164 -> users.findByPhone(user.organizationId(), e164));
        return new NumberCheck(phone, normalized.isPresent(), normalized.orElse(null), owner.isPresent(),
                owner.map(u -> u.getId()).orElse(null), owner.map(Users::fullName).orElse(null),
                owner.map(u -> u.getId().equals(user.userId())).orElse(false));
    }

    /**
     * The features the app may offer: each on unless the organization's {@code features} setting turns it off;
     * call recording follows {@code call_recording_enabled} too.
     */
    static Map<String, Boolean> features(Map<String, Object> settings) {
        Map<String, Boolean> features = new LinkedHashMap<>();
        for (String feature : new String[] {"callLogSync", "callRecording", "leadManagement", "noteTemplates",
                "messageTemplates", "whatsapp", "courseCatalog"}) {
            features.put(feature, true);
        }
        if (settings.get(FEATURES) instanceof Map<?, ?> configured) {
            configured.forEach((name, enabled) -> {
                if (features.containsKey(String.valueOf(name)) && enabled instanceof Boolean on) {
                    features.put(String.valueOf(name), on);
                }
            });
        }
        features.put("callRecording", features.get("callRecording") && callRecording(settings));
        return features;
    }

    private static boolean callRecording(Map<String, Object> settings) {
        return !(settings.get(CALL_RECORDING) instanceof Boolean enabled) || enabled;
    }

    private static Optional<Integer> positiveInt(Object value) {
        return value instanceof Number number && number.intValue() > 0 ? Optional.of(number.intValue())
                : Optional.empty();
    }
}
