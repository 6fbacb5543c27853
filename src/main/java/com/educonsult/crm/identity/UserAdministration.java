package com.educonsult.crm.identity;

import com.educonsult.crm.platform.Text;

import static com.educonsult.crm.jooq.Tables.ROLES;
import static com.educonsult.crm.jooq.Tables.USERS;
import static com.educonsult.crm.jooq.Tables.USER_ROLES;

import com.educonsult.crm.jooq.tables.records.OrganizationsRecord;
import com.educonsult.crm.jooq.tables.records.UsersRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.PhoneNumbers;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jooq.Condition;
import com.educonsult.crm.platform.db.SqlText;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Administration of the users of an organization: list, create (with a password or an invitation), change,
 * deactivate, delete and impersonate. A branch-scoped administrator (a manager) works only on the users of
 * their branch; only an admin may touch admins or hand out the admin role.
 */
@Service
public class UserAdministration {

    private static final String ADMIN = SystemRoles.ADMIN.code;

    public record Filter(String search, String role, String status, UUID branchId) {
    }

    record BulkOutcome(UUID id, boolean success, Integer status, String error) {
    }

    record BulkResult(String action, int succeeded, int failed, List<BulkOutcome> results) {
    }

    private final DSLContext db;
    private final Users users;
    private final Roles roles;
    private final Branches branches;
    private final Organizations organizations;
    private final Passwords passwords;
    private final Sessions sessions;
    private final Invitations invitations;
    private final Authentication authentication;
    private final AuditTrail audit;
    private final Clock clock;

    UserAdministration(DSLContext db, Users users, Roles roles, Branches branches, Organizations organizations,
            Passwords passwords, Sessions sessions, Invitations invitations, Authentication authentication,
            AuditTrail audit, Clock clock) {
        this.db = db;
        this.users = users;
        this.roles = roles;
        this.branches = branches;
        this.organizations = organizations;
        this.passwords = passwords;
        this.sessions = sessions;
        this.invitations = invitations;
        this.authentication = authentication;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<ManagedUserView> list(CurrentUser actor, Filter filter, PageRequest paging) {
        Condition condition = visibleTo(actor).and(filtered(actor.organizationId(), filter));
        long total = db.fetchCount(USERS, condition);
        List<UsersRecord> found = db.selectFrom(USERS).where(condition)
                .orderBy(USERS.CREATED_AT.desc(), USERS.ID)
                .limit(paging.limit()).offset(paging.offset())
                .fetch();
        return paging.page(views(actor.organizationId(), found), total);
    }

    @Transactional(readOnly = true)
    public ManagedUserView get(CurrentUser actor, UUID id) {
        return view(visible(actor, id));
    }

    @Transactional
    public ManagedUserView create(CurrentUser actor, UserRequests.Create request) {
        UUID organizationId = actor.organizationId();
        String email = request.email().trim().toLowerCase();
        if (users.emailTaken(organizationId, email, null)) {
            throw ApiException.conflict("email", "is already used by another user");
        }
        String phone = phone(organizationId, request.phone(), null);
        UUID branchId = checkedBranch(actor, request.branchId() != null ? request.branchId()
                : actor.dataScope() == DataScope.BRANCH ? actor.branchId() : null);
        Map<String, Roles.Assignable> granted = roles.byCodes(organizationId, request.roles());
        checkMayAssign(actor, granted.values());
        String passwordHash = null;
        if (request.password() != null) {
            passwords.checkPolicy("password", request.password(), email);
            passwordHash = passwords.hash(request.password());
        }
        UsersRecord user = db.insertInto(USERS)
                .set(USERS.ORGANIZATION_ID, organizationId)
                .set(USERS.ID, Ids.newId())
                .set(USERS.EMAIL, email)
                .set(USERS.PHONE, phone)
                .set(USERS.FIRST_NAME, request.firstName().trim())
                .set(USERS.LAST_NAME, Text.blankToNull(request.lastName()))
                .set(USERS.DESIGNATION, Text.blankToNull(request.designation()))
                .set(USERS.DEPARTMENT, Text.blankToNull(request.department()))
                .set(USERS.BRANCH_ID, branchId)
                .set(USERS.PASSWORD_HASH, passwordHash)
                .set(USERS.INVITED_AT, passwordHash == null ? now() : null)
                .returning()
                .fetchSingle();
        assignRoles(organizationId, user.getId(), granted.values());
        if (passwordHash == null) {
            invitations.invite(user);
        }
        ManagedUserView created = view(user);
        audit.record("user.created", "user", user.getId(), null, created);
        return created;
    }

    @Transactional
    public ManagedUserView update(CurrentUser actor, UUID id, UserRequests.Update request, MergePatch patch) {
        UUID organizationId = actor.organizationId();
        UsersRecord user = visible(actor, id);
        checkMayChange(actor, user);
        ManagedUserView before = view(user);
        applyProfile(user, request, patch);
        if (request.email() != null) {
            String email = request.email().trim().toLowerCase();
            if (users.emailTaken(organizationId, email, id)) {
                throw ApiException.conflict("email", "is already used by another user");
            }
            user.setEmail(email);
        }
        patch.apply("phone", request.phone(), raw -> phone(organizationId, raw, id), user::setPhone);
        patch.apply("branch_id", request.branchId(), branch -> user.setBranchId(checkedBranch(actor, branch)));
        if (request.roles() != null) {
            changeRoles(actor, user, request.roles());
        }
        if (request.password() != null) {
            changePassword(actor, user, request.password());
        }
        if (request.active() != null) {
            changeActive(actor, user, request.active(), "active");
        }
        user.setUpdatedAt(now());
        db.update(USERS).set(user).where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(id)).execute();
        ManagedUserView after = view(reload(organizationId, id));
        audit.record("user.updated", "user", id, before, after);
        return after;
    }

    @Transactional
    public void delete(CurrentUser actor, UUID id) {
        remove(actor, id, "id");
    }

    /** Applies one action to many users; each id gets its own outcome, and one refusal stops none of the others. */
    @Transactional
    BulkResult bulk(CurrentUser actor, UserRequests.BulkAction request) {
        List<BulkOutcome> outcomes = new ArrayList<>();
        for (UUID id : new LinkedHashSet<>(request.userIds())) {
            try {
                switch (request.action()) {
                    case "activate" -> setActive(actor, id, true);
                    case "deactivate" -> setActive(actor, id, false);
                    case "delete" -> remove(actor, id, "user_ids");
                    default -> throw ApiException.invalid("action", "must be activate, deactivate or delete");
                }
                outcomes.add(new BulkOutcome(id, true, null, null));
            } catch (ApiException e) {
                outcomes.add(new BulkOutcome(id, false, e.status().value(), e.getMessage()));
            }
        }
        int succeeded = (int) outcomes.stream().filter(BulkOutcome::success).count();
        return new BulkResult(request.action(), succeeded, outcomes.size() - succeeded, outcomes);
    }

    /** Opens a short session as another user, for support; never as an admin, never as oneself. */
    @Transactional
    AuthViews.Tokens impersonate(CurrentUser actor, UUID id) {
        if (actor.impersonatorId() != null) {
            throw ApiException.forbidden("An impersonation session cannot impersonate");
        }
        if (id.equals(actor.userId())) {
            throw ApiException.forbidden("You cannot impersonate yourself");
        }
        UUID organizationId = actor.organizationId();
        UsersRecord target = visible(actor, id);
        if (roleCodesOf(organizationId, id).contains(ADMIN)) {
            throw ApiException.forbidden("Admins cannot be impersonated");
        }
        if (!target.getActive()) {
            throw ApiException.invalid("id", "the user is deactivated");
        }
        Sessions.IssuedTokens tokens = sessions.openImpersonation(organizationId, id, actor.userId());
        audit.record("user.impersonated", "user", id, null,
                Map.of("impersonator_id", actor.userId(), "session_id", tokens.sessionId()));
        OrganizationsRecord organization = organizations.find(organizationId).orElseThrow();
        return authentication.tokensView(tokens, target, organization, true);
    }

    private static void applyProfile(UsersRecord user, UserRequests.Update request, MergePatch patch) {
        if (request.firstName() != null) {
            user.setFirstName(request.firstName().trim());
        }
        patch.applyText("last_name", request.lastName(), user::setLastName);
        patch.applyText("designation", request.designation(), user::setDesignation);
        patch.applyText("department", request.department(), user::setDepartment);
    }

    private void changeRoles(CurrentUser actor, UsersRecord user, List<String> codes) {
        Map<String, Roles.Assignable> granted = roles.byCodes(user.getOrganizationId(), codes);
        checkMayAssign(actor, granted.values());
        if (user.getId().equals(actor.userId()) && actor.isAdmin() && !granted.containsKey(ADMIN)) {
            throw ApiException.invalid("roles", "you cannot remove your own admin role");
        }
        db.deleteFrom(USER_ROLES)
                .where(USER_ROLES.ORGANIZATION_ID.eq(user.getOrganizationId()), USER_ROLES.USER_ID.eq(user.getId()))
                .execute();
        assignRoles(user.getOrganizationId(), user.getId(), granted.values());
    }

    private void changePassword(CurrentUser actor, UsersRecord user, String password) {
        passwords.checkPolicy("password", password, user.getEmail());
        user.setPasswordHash(passwords.hash(password));
        user.setFailedLoginCount(0);
        user.setLockedUntil(null);
        invitations.revokeAllOf(user.getOrganizationId(), user.getId());
        if (!user.getId().equals(actor.userId())) {
            sessions.revokeAllOf(user.getOrganizationId(), user.getId(), "password_reset");
        }
    }

    /** Activating also lifts a login lock; deactivating ends every session of the user at once. */
    private void changeActive(CurrentUser actor, UsersRecord user, boolean active, String field) {
        if (!active && user.getId().equals(actor.userId())) {
            throw ApiException.invalid(field, "you cannot deactivate yourself");
        }
        user.setActive(active);
        if (active) {
            user.setFailedLoginCount(0);
            user.setLockedUntil(null);
        } else {
            sessions.revokeAllOf(user.getOrganizationId(), user.getId(), "user_deactivated");
        }
    }

    private void setActive(CurrentUser actor, UUID id, boolean active) {
        UsersRecord user = visible(actor, id);
        checkMayChange(actor, user);
        ManagedUserView before = view(user);
        changeActive(actor, user, active, "user_ids");
        user.setUpdatedAt(now());
        db.update(USERS).set(user)
                .where(USERS.ORGANIZATION_ID.eq(actor.organizationId()), USERS.ID.eq(id))
                .execute();
        audit.record(active ? "user.activated" : "user.deactivated", "user", id, before,
                view(reload(actor.organizationId(), id)));
    }

    private void remove(CurrentUser actor, UUID id, String field) {
        UsersRecord user = visible(actor, id);
        if (id.equals(actor.userId())) {
            throw ApiException.invalid(field, "you cannot delete yourself");
        }
        checkMayChange(actor, user);
        ManagedUserView before = view(user);
        OffsetDateTime now = now();
        db.update(USERS)
                .set(USERS.DELETED_AT, now)
                .set(USERS.ACTIVE, false)
                .set(USERS.UPDATED_AT, now)
                .where(USERS.ORGANIZATION_ID.eq(actor.organizationId()), USERS.ID.eq(id))
                .execute();
        sessions.revokeAllOf(actor.organizationId(), id, "user_deleted");
        invitations.revokeAllOf(actor.organizationId(), id);
        audit.record("user.deleted", "user", id, before, null);
    }

    /** The user if the actor may see them; anything else (another branch, another organization) is a 404. */
    private UsersRecord visible(CurrentUser actor, UUID id) {
        return db.selectFrom(USERS)
                .where(visibleTo(actor), USERS.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("User"));
    }

    private static Condition visibleTo(CurrentUser actor) {
        Condition scope = switch (actor.dataScope()) {
            case ALL -> DSL.noCondition();
            case BRANCH -> actor.branchId() == null ? DSL.falseCondition() : USERS.BRANCH_ID.eq(actor.branchId());
            case OWN -> USERS.ID.eq(actor.userId());
        };
        return USERS.ORGANIZATION_ID.eq(actor.organizationId()).and(USERS.DELETED_AT.isNull()).and(scope);
    }

    private Condition filtered(UUID organizationId, Filter filter) {
        Condition condition = DSL.noCondition();
        if (filter.search() != null && !filter.search().isBlank()) {
            condition = condition.and(searching(organizationId, filter.search().trim()));
        }
        if (filter.role() != null && !filter.role().isBlank()) {
            condition = condition.and(DSL.exists(DSL.selectOne().from(USER_ROLES)
                    .join(ROLES).on(ROLES.ORGANIZATION_ID.eq(USER_ROLES.ORGANIZATION_ID), ROLES.ID.eq(USER_ROLES.ROLE_ID))
                    .where(USER_ROLES.ORGANIZATION_ID.eq(organizationId), USER_ROLES.USER_ID.eq(USERS.ID),
                            ROLES.CODE.eq(filter.role().trim()))));
        }
        if (filter.status() != null && !filter.status().isBlank()) {
            condition = condition.and(status(filter.status().trim()));
        }
        if (filter.branchId() != null) {
            condition = condition.and(USERS.BRANCH_ID.eq(filter.branchId()));
        }
        return condition;
    }

    private Condition searching(UUID organizationId, String search) {
        String pattern = SqlText.containsPattern(search);
        Condition matches = USERS.FIRST_NAME.likeIgnoreCase(pattern, '\\')
                .or(USERS.LAST_NAME.likeIgnoreCase(pattern, '\\'))
                .or(DSL.concat(USERS.FIRST_NAME, DSL.val(" "), DSL.coalesce(USERS.LAST_NAME, ""))
                        .likeIgnoreCase(pattern, '\\'))
                .or(USERS.EMAIL.likeIgnoreCase(pattern, '\\'))
                .or(USERS.PHONE.likeIgnoreCase(pattern, '\\'));
        var phone = PhoneNumbers.normalize(search, organizations.phoneRegion(organizationId));
        return phone.isPresent() ? matches.or(USERS.PHONE.eq(phone.get())) : matches;
    }

    private Condition status(String status) {
        OffsetDateTime now = now();
        return switch (status) {
            case "active" -> USERS.ACTIVE.isTrue().and(USERS.LOCKED_UNTIL.isNull().or(USERS.LOCKED_UNTIL.le(now)));
            case "inactive" -> USERS.ACTIVE.isFalse();
            case "locked" -> USERS.LOCKED_UNTIL.gt(now);
            default -> throw ApiException.invalid("status", "must be active, inactive or locked");
        };
    }

    private UUID checkedBranch(CurrentUser actor, UUID branchId) {
        if (branchId != null && !branches.exists(actor.organizationId(), branchId)) {
            throw ApiException.invalid("branch_id", "is not a branch of the organization");
        }
        if (actor.dataScope() == DataScope.BRANCH && !Objects.equals(branchId, actor.branchId())) {
            throw ApiException.forbidden("You may only manage users of your own branch");
        }
        return branchId;
    }

    private static void checkMayAssign(CurrentUser actor, Collection<Roles.Assignable> granted) {
        for (Roles.Assignable role : granted) {
            if (!actor.isAdmin() && ADMIN.equals(role.code())) {
                throw ApiException.forbidden("Only an admin may assign the admin role");
            }
            if (!mayAssign(actor, role.code(), role.permissions())) {
                throw ApiException.forbidden("You may only assign roles whose permissions you hold: " + role.code());
            }
        }
    }

    /** Whether the actor may hand out a role: an admin any, others no admin role and none beyond their own permissions. */
    private static boolean mayAssign(CurrentUser actor, String code, Collection<String> permissions) {
        return actor.isAdmin() || (!ADMIN.equals(code) && actor.permissions().containsAll(permissions));
    }

    /** The roles the actor may give to the users they manage (the ones {@link #create} and {@link #update} accept). */
    @Transactional(readOnly = true)
    public List<Roles.RoleView> assignableRoles(CurrentUser actor) {
        return roles.list(actor.organizationId()).stream()
                .filter(role -> mayAssign(actor, role.code(), role.permissions()))
                .toList();
    }

    /**
     * The branches the actor may put users in: a branch-scoped actor (a manager) only their own, others every branch
     * of the organization.
     */
    @Transactional(readOnly = true)
    public List<Branches.BranchView> assignableBranches(CurrentUser actor) {
        return branches.list(actor.organizationId(), null, PageRequest.of(PageRequest.MAX_LIMIT, 0)).items().stream()
                .filter(branch -> actor.dataScope() != DataScope.BRANCH || branch.id().equals(actor.branchId()))
                .toList();
    }

    private void checkMayChange(CurrentUser actor, UsersRecord user) {
        if (!actor.isAdmin() && roleCodesOf(user.getOrganizationId(), user.getId()).contains(ADMIN)) {
            throw ApiException.forbidden("Only an admin may change an admin");
        }
    }

    private String phone(UUID organizationId, String raw, UUID exceptUserId) {
        String phone = Authentication.normalizedPhone("phone", raw, organizations.phoneRegion(organizationId));
        if (users.phoneTaken(organizationId, phone, exceptUserId)) {
            throw ApiException.conflict("phone", "is already used by another user");
        }
        return phone;
    }

    private void assignRoles(UUID organizationId, UUID userId, Collection<Roles.Assignable> granted) {
        var insert = db.insertInto(USER_ROLES, USER_ROLES.ORGANIZATION_ID, USER_ROLES.USER_ID, USER_ROLES.ROLE_ID);
        for (Roles.Assignable role : granted) {
            insert = insert.values(organizationId, userId, role.id());
        }
        insert.execute();
    }

    private UsersRecord reload(UUID organizationId, UUID id) {
        return db.selectFrom(USERS).where(USERS.ORGANIZATION_ID.eq(organizationId), USERS.ID.eq(id)).fetchSingle();
    }

    private List<String> roleCodesOf(UUID organizationId, UUID userId) {
        return rolesOf(organizationId, List.of(userId)).getOrDefault(userId, List.of());
    }

    private Map<UUID, List<String>> rolesOf(UUID organizationId, Collection<UUID> userIds) {
        return db.select(USER_ROLES.USER_ID, ROLES.CODE).from(USER_ROLES)
                .join(ROLES).on(ROLES.ORGANIZATION_ID.eq(USER_ROLES.ORGANIZATION_ID), ROLES.ID.eq(USER_ROLES.ROLE_ID))
                .where(USER_ROLES.ORGANIZATION_ID.eq(organizationId), USER_ROLES.USER_ID.in(userIds))
                .orderBy(ROLES.CODE)
                .fetchGroups(USER_ROLES.USER_ID, ROLES.CODE);
    }

    private ManagedUserView view(UsersRecord user) {
        return views(user.getOrganizationId(), List.of(user)).getFirst();
    }

    private List<ManagedUserView> views(UUID organizationId, List<UsersRecord> found) {
        Map<UUID, List<String>> roleCodes = found.isEmpty() ? Map.of()
                : rolesOf(organizationId, found.stream().map(UsersRecord::getId).toList());
        OffsetDateTime now = now();
        return found.stream().map(user -> new ManagedUserView(user.getId(), user.getEmail(), user.getPhone(),
                user.getFirstName(), user.getLastName(), Users.fullName(user), user.getDesignation(),
                user.getDepartment(), user.getBranchId(), user.getAvatarUrl(), user.getActive(), statusOf(user, now),
                roleCodes.getOrDefault(user.getId(), List.of()),
                user.getInvitedAt() != null && user.getPasswordHash() == null, user.getInvitedAt(),
                user.getLastLoginAt(), user.getLockedUntil(), user.getCreatedAt(), user.getUpdatedAt()))
                .toList();
    }

    private static String statusOf(UsersRecord user, OffsetDateTime now) {
        if (!user.getActive()) {
            return "inactive";
        }
        return user.getLockedUntil() != null && user.getLockedUntil().isAfter(now) ? "locked" : "active";
    }


    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
