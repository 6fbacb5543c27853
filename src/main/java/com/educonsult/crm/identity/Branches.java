package com.educonsult.crm.identity;

import com.educonsult.crm.platform.Text;

import static com.educonsult.crm.jooq.Tables.BRANCHES;
import static com.educonsult.crm.jooq.Tables.USERS;

import com.educonsult.crm.jooq.tables.records.BranchesRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.MergePatch;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jooq.Condition;
import com.educonsult.crm.platform.db.SqlText;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The offices of an organization. Names are unique per organization, ignoring case. */
@Service
public class Branches {

    public record BranchView(UUID id, String name, String code, String address, String city, String phone, String email,
            boolean active, int userCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    private final DSLContext db;
    private final Organizations organizations;
    private final AuditTrail audit;
    private final Clock clock;

    Branches(DSLContext db, Organizations organizations, AuditTrail audit, Clock clock) {
        this.db = db;
        this.organizations = organizations;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Page<BranchView> list(UUID organizationId, String search, PageRequest paging) {
        Condition condition = BRANCHES.ORGANIZATION_ID.eq(organizationId);
        if (search != null && !search.isBlank()) {
            String pattern = SqlText.containsPattern(search);
            condition = condition.and(BRANCHES.NAME.likeIgnoreCase(pattern, '\\')
                    .or(BRANCHES.CODE.likeIgnoreCase(pattern, '\\'))
                    .or(BRANCHES.CITY.likeIgnoreCase(pattern, '\\')));
        }
        long total = db.fetchCount(BRANCHES, condition);
        var items = db.selectFrom(BRANCHES).where(condition)
                .orderBy(DSL.lower(BRANCHES.NAME), BRANCHES.ID)
                .limit(paging.limit()).offset(paging.offset())
                .fetch(this::view);
        return paging.page(items, total);
    }

    @Transactional(readOnly = true)
    public BranchView get(UUID organizationId, UUID id) {
        return view(find(organizationId, id));
    }

    /** Whether the branch exists in the organization (another organization's branch does not). */
    boolean exists(UUID organizationId, UUID id) {
        return db.fetchExists(BRANCHES, BRANCHES.ORGANIZATION_ID.eq(organizationId), BRANCHES.ID.eq(id));
    }

    @Transactional
    public BranchView create(UUID organizationId, BranchRequests.Create request) {
        String name = request.name().trim();
        checkNameFree(organizationId, name, null);
        UUID id = Ids.newId();
        db.insertInto(BRANCHES)
                .set(BRANCHES.ORGANIZATION_ID, organizationId)
                .set(BRANCHES.ID, id)
                .set(BRANCHES.NAME, name)
                .set(BRANCHES.CODE, Text.blankToNull(request.code()))
                .set(BRANCHES.ADDRESS, Text.blankToNull(request.address()))
                .set(BRANCHES.CITY, Text.blankToNull(request.city()))
                .set(BRANCHES.PHONE, phone(organizationId, request.phone()))
                .set(BRANCHES.EMAIL, email(request.email()))
                .set(BRANCHES.ACTIVE, request.active() == null || request.active())
                .execute();
        BranchView created = view(find(organizationId, id));
        audit.record("branch.created", "branch", id, null, created);
        return created;
    }

    @Transactional
    public BranchView update(UUID organizationId, UUID id, BranchRequests.Update request, MergePatch patch) {
        BranchesRecord branch = find(organizationId, id);
        BranchView before = view(branch);
        if (request.name() != null) {
            String name = request.name().trim();
            checkNameFree(organizationId, name, id);
            branch.setName(name);
        }
        patch.applyText("code", request.code(), branch::setCode);
        patch.applyText("address", request.address(), branch::setAddress);
        patch.applyText("city", request.city(), branch::setCity);
        patch.apply("phone", request.phone(), raw -> phone(organizationId, raw), branch::setPhone);
        patch.apply("email", request.email(), Branches::email, branch::setEmail);
        if (request.active() != null) {
            branch.setActive(request.active());
        }
        branch.setUpdatedAt(now());
        db.update(BRANCHES).set(branch)
                .where(BRANCHES.ORGANIZATION_ID.eq(organizationId), BRANCHES.ID.eq(id))
                .execute();
        BranchView after = view(find(organizationId, id));
        audit.record("branch.updated", "branch", id, before, after);
        return after;
    }

    /** Deletes a branch nobody works in: removing it from under its users would silently widen or empty a manager's scope. */
    @Transactional
    public void delete(UUID organizationId, UUID id) {
        BranchView before = view(find(organizationId, id));
        if (before.userCount() > 0) {
            throw ApiException.conflict("id", "the branch still has " + before.userCount() + " user(s); move them first");
        }
        db.deleteFrom(BRANCHES).where(BRANCHES.ORGANIZATION_ID.eq(organizationId), BRANCHES.ID.eq(id)).execute();
        audit.record("branch.deleted", "branch", id, before, null);
    }

    private void checkNameFree(UUID organizationId, String name, UUID exceptId) {
        boolean taken = db.fetchExists(BRANCHES, BRANCHES.ORGANIZATION_ID.eq(organizationId),
                DSL.lower(BRANCHES.NAME).eq(name.toLowerCase()),
                exceptId == null ? DSL.noCondition() : BRANCHES.ID.ne(exceptId));
        if (taken) {
            throw ApiException.conflict("name", "another branch already has this name");
        }
    }

    private BranchesRecord find(UUID organizationId, UUID id) {
        return db.selectFrom(BRANCHES).where(BRANCHES.ORGANIZATION_ID.eq(organizationId), BRANCHES.ID.eq(id))
                .fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Branch"));
    }

    private BranchView view(BranchesRecord branch) {
        int users = db.fetchCount(USERS, USERS.ORGANIZATION_ID.eq(branch.getOrganizationId()),
                USERS.BRANCH_ID.eq(branch.getId()), USERS.DELETED_AT.isNull());
        return new BranchView(branch.getId(), branch.getName(), branch.getCode(), branch.getAddress(),
                branch.getCity(), branch.getPhone(), branch.getEmail(), branch.getActive(), users,
                branch.getCreatedAt(), branch.getUpdatedAt());
    }

    private String phone(UUID organizationId, String raw) {
        return Authentication.normalizedPhone("phone", raw, organizations.phoneRegion(organizationId));
    }

    private static String email(String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim().toLowerCase();
    }


    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
