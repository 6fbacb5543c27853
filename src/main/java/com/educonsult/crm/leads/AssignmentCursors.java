package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEAD_ASSIGNMENT_CURSORS;

import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The round-robin turn of each scope (organization, branch or source rule). Locking the scope's row makes
 * concurrent assignments of one scope take turns one after the other, so no turn is given twice.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class AssignmentCursors {

    private final DSLContext db;

    AssignmentCursors(DSLContext db) {
        this.db = db;
    }

    /** Locks the scope until the transaction ends and answers the user who got its latest lead (or null). */
    UUID lock(UUID organizationId, String scopeKey) {
        db.insertInto(LEAD_ASSIGNMENT_CURSORS)
                .set(LEAD_ASSIGNMENT_CURSORS.ORGANIZATION_ID, organizationId)
                .set(LEAD_ASSIGNMENT_CURSORS.SCOPE_KEY, scopeKey)
                .onConflictDoNothing()
                .execute();
        return db.select(LEAD_ASSIGNMENT_CURSORS.LAST_USER_ID).from(LEAD_ASSIGNMENT_CURSORS)
                .where(LEAD_ASSIGNMENT_CURSORS.ORGANIZATION_ID.eq(organizationId),
                        LEAD_ASSIGNMENT_CURSORS.SCOPE_KEY.eq(scopeKey))
                .forUpdate()
                .fetchSingle(LEAD_ASSIGNMENT_CURSORS.LAST_USER_ID);
    }

    void advance(UUID organizationId, String scopeKey, UUID lastUserId) {
        db.update(LEAD_ASSIGNMENT_CURSORS)
                .set(LEAD_ASSIGNMENT_CURSORS.LAST_USER_ID, lastUserId)
                .set(LEAD_ASSIGNMENT_CURSORS.UPDATED_AT, DSL.currentOffsetDateTime())
                .where(LEAD_ASSIGNMENT_CURSORS.ORGANIZATION_ID.eq(organizationId),
                        LEAD_ASSIGNMENT_CURSORS.SCOPE_KEY.eq(scopeKey))
                .execute();
    }

    static String organizationScope() {
        return "organization";
    }

    static String branchScope(UUID branchId) {
        return "branch:" + branchId;
    }
}
