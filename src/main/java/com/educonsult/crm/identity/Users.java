package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.USERS;

import com.educonsult.crm.jooq.tables.records.UsersRecord;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The users table: lookups by login and id, and their API view. */
@Component
class Users {

    private final DSLContext db;
    private final Principals principals;
    private final JsonMapper json;

    Users(DSLContext db, Principals principals, JsonMapper json) {
        this.db = db;
        this.principals = principals;
        this.json = json;
    }

    Optional<UsersRecord> findByEmail(UUID organizationId, String email) {
        return db.selectFrom(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.EMAIL.eq(email.toLowerCase()),
                        USERS.DELETED_AT.isNull())
                .fetchOptional();
    }

    Optional<UsersRecord> findByPhone(UUID organizationId, String e164) {
        return db.selectFrom(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.PHONE.eq(e164), USERS.DELETED_AT.isNull())
                .fetchOptional();
    }

    /** A user who has not been deleted, or empty (another organization's id is empty too). */
    Optional<UsersRecord> find(UUID organizationId, UUID userId) {
        return db.selectFrom(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(userId), USERS.DELETED_AT.isNull())
                .fetchOptional();
    }

    boolean emailTaken(UUID organizationId, String email, UUID exceptUserId) {
        return db.fetchExists(USERS, USERS.ORGANIZATION_ID.eq(organizationId), USERS.EMAIL.eq(email.toLowerCase()),
                USERS.DELETED_AT.isNull(), exceptUserId == null ? USERS.ID.isNotNull() : USERS.ID.ne(exceptUserId));
    }

    boolean phoneTaken(UUID organizationId, String phone, UUID exceptUserId) {
        return phone != null && db.fetchExists(USERS, USERS.ORGANIZATION_ID.eq(organizationId), USERS.PHONE.eq(phone),
                USERS.DELETED_AT.isNull(), exceptUserId == null ? USERS.ID.isNotNull() : USERS.ID.ne(exceptUserId));
    }

    /** Sets (or, with null, clears) the device token push notifications go to; whether anything changed. */
    boolean setFcmToken(UUID organizationId, UUID userId, String fcmToken) {
        return db.update(USERS).set(USERS.FCM_TOKEN, fcmToken)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(userId),
                        fcmToken == null ? USERS.FCM_TOKEN.isNotNull() : USERS.FCM_TOKEN.isDistinctFrom(fcmToken))
                .execute() == 1;
    }

    @org.springframework.transaction.annotation.Transactional(readOnly = true)
    Optional<UserView> findView(UUID organizationId, UUID userId) {
        return find(organizationId, userId).map(this::view);
    }

    UserView view(UsersRecord user) {
        Principals.Grants grants = principals.grantsOf(user.getOrganizationId(), user.getId());
        return new UserView(user.getId(), user.getOrganizationId(), user.getEmail(), user.getPhone(),
                user.getFirstName(), user.getLastName(), fullName(user), user.getDesignation(), user.getDepartment(),
                user.getBranchId(), user.getAvatarUrl(), user.getActive(), preferences(user.getPreferences()),
                user.getLastLoginAt(), user.getLockedUntil(), user.getCreatedAt(), user.getUpdatedAt(),
                grants.roles(), grants.permissions(), grants.dataScope().code());
    }

    static String fullName(UsersRecord user) {
        return user.getLastName() == null || user.getLastName().isBlank()
                ? user.getFirstName() : user.getFirstName() + " " + user.getLastName();
    }

    Map<String, Object> preferences(JSONB value) {
        if (value == null) {
            return Map.of();
        }
        return json.readValue(value.data(), new TypeReference<Map<String, Object>>() { });
    }

    <T> T convert(Object value, Class<T> type) {
        return json.convertValue(value, type);
    }

    /** How many users of the organization may log in: active and not deleted. */
    int countActive(UUID organizationId) {
        return db.fetchCount(USERS, USERS.ORGANIZATION_ID.eq(organizationId), USERS.ACTIVE.isTrue(),
                USERS.DELETED_AT.isNull());
    }

    JSONB toJsonb(Object value) {
        return value == null ? null : JSONB.valueOf(json.writeValueAsString(value));
    }
}
