package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.BRANCHES;
import static com.educonsult.crm.jooq.Tables.ORGANIZATIONS;
import static com.educonsult.crm.jooq.Tables.ROLES;
import static com.educonsult.crm.jooq.Tables.USERS;
import static com.educonsult.crm.jooq.Tables.USER_ROLES;

import com.educonsult.crm.jooq.tables.records.UsersRecord;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

@Component
class JooqUserDirectory implements UserDirectory {

    private final DSLContext db;
    private final Organizations organizations;
    private final Principals principals;

    JooqUserDirectory(DSLContext db, Organizations organizations, Principals principals) {
        this.db = db;
        this.organizations = organizations;
        this.principals = principals;
    }

    @Override
    public Optional<UserSummary> find(UUID organizationId, UUID userId) {
        return Optional.ofNullable(principals.summaries().get(organizationId, userId, userId, () -> db.selectFrom(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(userId), USERS.DELETED_AT.isNull())
                .fetchOptional(JooqUserDirectory::summary).orElse(null)));
    }

    @Override
    public Map<UUID, UserSummary> findAll(UUID organizationId, Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        return principals.summaries().getAll(organizationId, userIds, UserSummary::id, missing -> db.selectFrom(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.in(missing), USERS.DELETED_AT.isNull())
                .fetch(JooqUserDirectory::summary).stream()
                .collect(Collectors.toMap(UserSummary::id, Function.identity())));
    }

    @Override
    public List<UserSummary> activeWithRoles(UUID organizationId, Collection<String> roleCodes, UUID branchId) {
        return db.selectFrom(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ACTIVE.isTrue(), USERS.DELETED_AT.isNull(),
                        branchId == null ? DSL.noCondition() : USERS.BRANCH_ID.eq(branchId),
                        DSL.exists(DSL.selectOne().from(USER_ROLES).join(ROLES)
                                .on(ROLES.ORGANIZATION_ID.eq(USER_ROLES.ORGANIZATION_ID), ROLES.ID.eq(USER_ROLES.ROLE_ID))
                                .where(USER_ROLES.ORGANIZATION_ID.eq(USERS.ORGANIZATION_ID),
                                        USER_ROLES.USER_ID.eq(USERS.ID), ROLES.CODE.in(roleCodes))))
                .orderBy(USERS.ID)
                .fetch(JooqUserDirectory::summary);
    }

    @Override
    public List<UUID> usersOfBranch(UUID organizationId, UUID branchId) {
        return db.select(USERS.ID).from(USERS)
                .where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.BRANCH_ID.eq(branchId), USERS.DELETED_AT.isNull())
                .fetch(USERS.ID);
    }

    @Override
    public boolean branchExists(UUID organizationId, UUID branchId) {
        return db.fetchExists(BRANCHES, BRANCHES.ORGANIZATION_ID.eq(organizationId).and(BRANCHES.ID.eq(branchId)));
    }

    @Override
    public String organizationName(UUID organizationId) {
        return organizations.find(organizationId).map(o -> o.getName()).orElse(null);
    }

    @Override
    public RecordingPolicy recordingPolicy(UUID organizationId) {
        return organizations.find(organizationId)
                .map(o -> new RecordingPolicy(o.getRecordingRetentionDays(), o.getStorageQuotaBytes()))
                .orElse(RecordingPolicy.DEFAULT);
    }

    @Override
    public ZoneId timeZone(UUID organizationId) {
        return organizations.find(organizationId).map(o -> ZoneId.of(o.getTimeZone())).orElse(ZoneId.of("Asia/Kolkata"));
    }

    @Override
    public String phoneRegion(UUID organizationId) {
        return organizations.phoneRegion(organizationId);
    }

    @Override
    public List<UUID> activeOrganizations() {
        return db.select(ORGANIZATIONS.ID).from(ORGANIZATIONS).where(ORGANIZATIONS.ACTIVE.isTrue())
                .orderBy(ORGANIZATIONS.ID).fetch(ORGANIZATIONS.ID);
    }

    @Override
    public List<UUID> allOrganizations() {
        return db.select(ORGANIZATIONS.ID).from(ORGANIZATIONS).orderBy(ORGANIZATIONS.ID).fetch(ORGANIZATIONS.ID);
    }

    private static UserSummary summary(UsersRecord user) {
        return new UserSummary(user.getId(), Users.fullName(user), user.getEmail(), user.getPhone(),
                user.getBranchId(), user.getActive());
    }

    @Override
    public Optional<com.educonsult.crm.platform.security.CurrentUser> actingAs(UUID organizationId, UUID userId) {
        return principals.load(organizationId, userId, null, null, null, null);
    }
}
