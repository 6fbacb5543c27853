package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.USERS;

import com.educonsult.crm.jooq.tables.records.UsersRecord;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A user's own profile: names, contact, preferences and password. */
@Service
class Profiles {

    /** The preference key of the Android app's settings. */
    static final String APP_PREFERENCES = "app";

    /** What the audit log keeps of a profile change: never the password hash. */
    record ProfileSnapshot(String firstName, String lastName, String phone, String designation, String department,
            String avatarUrl, Map<String, Object> preferences) {
    }

    private final DSLContext db;
    private final Users users;
    private final Organizations organizations;
    private final Passwords passwords;
    private final Sessions sessions;
    private final AuditTrail audit;
    private final Clock clock;
    private final Principals principals;

    Profiles(DSLContext db, Users users, Organizations organizations, Passwords passwords, Sessions sessions,
            AuditTrail audit, Clock clock, Principals principals) {
        this.db = db;
        this.principals = principals;
        this.users = users;
        this.organizations = organizations;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    UserView get(CurrentUser user) {
        return users.view(own(user));
    }

    @Transactional
    UserView update(CurrentUser user, ProfileRequests.Update request, MergePatch patch) {
        principals.changed(user.organizationId());
        UsersRecord record = own(user);
        ProfileSnapshot before = snapshot(record);
        if (request.firstName() != null) {
            if (request.firstName().isBlank()) {
                throw ApiException.invalid("first_name", "must not be blank");
            }
            record.setFirstName(request.firstName().trim());
        }
        patch.applyText("last_name", request.lastName(), record::setLastName);
        patch.apply("phone", request.phone(), raw -> phone(user, raw), record::setPhone);
        patch.applyText("designation", request.designation(), record::setDesignation);
        patch.applyText("department", request.department(), record::setDepartment);
        patch.apply("avatar_url", request.avatarUrl(), Profiles::avatarUrl, record::setAvatarUrl);
        if (patch.clears("preferences")) {
            record.setPreferences(users.toJsonb(Map.of()));
        } else if (request.preferences() != null) {
            record.setPreferences(users.toJsonb(
                    Preferences.merge(users.preferences(record.getPreferences()), request.preferences())));
        }
        ProfileSnapshot after = snapshot(record);
        if (!after.equals(before)) {
            db.update(USERS)
                    .set(USERS.FIRST_NAME, record.getFirstName())
                    .set(USERS.LAST_NAME, record.getLastName())
                    .set(USERS.PHONE, record.getPhone())
                    .set(USERS.DESIGNATION, record.getDesignation())
                    .set(USERS.DEPARTMENT, record.getDepartment())
                    .set(USERS.AVATAR_URL, record.getAvatarUrl())
                    .set(USERS.PREFERENCES, record.getPreferences())
                    .set(USERS.UPDATED_AT, now())
                    .where(USERS.ORGANIZATION_ID.eq(user.organizationId()), USERS.ID.eq(user.userId()))
                    .execute();
            audit.record("profile.updated", "user", user.userId(), before, after);
        }
        return users.view(own(user));
    }

    /** Remembers the device token the user's push notifications go to (one phone per user, as seed 01 keeps it). */
    @Transactional
    void updateFcmToken(CurrentUser user, String fcmToken) {
        own(user);
        if (users.setFcmToken(user.organizationId(), user.userId(), fcmToken.trim())) {
            audit.record("user.fcm_token_updated", "user", user.userId(), null, Map.of("fcm_token_set", true));
        }
    }

    @Transactional(readOnly = true)
    AppPreferences appPreferences(CurrentUser user) {
        return appPreferences(own(user));
    }

    /** Saves the user's Android app settings over the stored ones, keeping their other preferences. */
    @Transactional
    AppPreferences saveAppPreferences(CurrentUser user, AppPreferences changes) {
        UsersRecord record = own(user);
        AppPreferences before = appPreferences(record);
        AppPreferences after = before.with(changes);
        Map<String, Object> preferences = new LinkedHashMap<>(users.preferences(record.getPreferences()));
        preferences.put(APP_PREFERENCES, after);
        db.update(USERS)
                .set(USERS.PREFERENCES, users.toJsonb(preferences))
                .set(USERS.UPDATED_AT, now())
                .where(USERS.ORGANIZATION_ID.eq(user.organizationId()), USERS.ID.eq(user.userId()))
                .execute();
        audit.record("profile.app_settings_saved", "user", user.userId(), before, after);
        return after;
    }

    private AppPreferences appPreferences(UsersRecord record) {
        Object stored = users.preferences(record.getPreferences()).get(APP_PREFERENCES);
        return stored == null ? AppPreferences.NONE : users.convert(stored, AppPreferences.class);
    }

    /** Changes one's password and ends one's other sessions: whoever else held them must log in again. */
    @Transactional
    void changePassword(CurrentUser user, ProfileRequests.ChangePassword request) {
        UsersRecord record = own(user);
        if (!passwords.matches(request.currentPassword(), record.getPasswordHash())) {
            throw ApiException.invalid("current_password", "is not your current password");
        }
        passwords.checkPolicy("new_password", request.newPassword(), record.getEmail());
        if (request.newPassword().equals(request.currentPassword())) {
            throw ApiException.invalid("new_password", "must differ from the current password");
        }
        db.update(USERS)
                .set(USERS.PASSWORD_HASH, passwords.hash(request.newPassword()))
                .set(USERS.UPDATED_AT, now())
                .where(USERS.ORGANIZATION_ID.eq(user.organizationId()), USERS.ID.eq(user.userId()))
                .execute();
        int revoked = sessions.revokeOthers(user.organizationId(), user.userId(), user.sessionId(), "password_changed");
        audit.record("password.changed", "user", user.userId(), null, Map.of("revoked_sessions", revoked));
    }

    private UsersRecord own(CurrentUser user) {
        return users.find(user.organizationId(), user.userId()).orElseThrow(() -> ApiException.notFound("User"));
    }

    private String phone(CurrentUser user, String raw) {
        if (raw.isBlank()) {
            return null;
        }
        String e164 = Authentication.normalizedPhone("phone", raw, organizations.phoneRegion(user.organizationId()));
        if (users.phoneTaken(user.organizationId(), e164, user.userId())) {
            throw ApiException.conflict("phone", "is already used by another user of the organization");
        }
        return e164;
    }

    private static String avatarUrl(String raw) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            URI uri = URI.create(raw.trim());
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null) {
                return uri.toString();
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ApiException.invalid("avatar_url", "must be an http or https URL");
    }


    private ProfileSnapshot snapshot(UsersRecord record) {
        return new ProfileSnapshot(record.getFirstName(), record.getLastName(), record.getPhone(),
                record.getDesignation(), record.getDepartment(), record.getAvatarUrl(),
                users.preferences(record.getPreferences()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
