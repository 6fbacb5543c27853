package com.educonsult.crm.platform.audit;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;

import com.educonsult.crm.platform.RequestInfo;
import com.educonsult.crm.platform.TenantContext;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes who did what to which record, with the record before and after, in the transaction of the change:
 * the entry exists exactly when the change does.
 */
@Component
public class AuditTrail {

    private final DSLContext db;
    private final JsonMapper json;

    public AuditTrail(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records a change made by the authenticated user of the request. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String resourceType, Object resourceId, Object before, Object after) {
        CurrentUser user = Authenticated.current().orElse(null);
        write(user == null ? null : user.userId(), user == null ? null : user.impersonatorId(),
                action, resourceType, resourceId, before, after);
    }

    /** Records a change made by a known user outside an authenticated request (login, registration). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordBy(UUID actorId, String action, String resourceType, Object resourceId, Object before, Object after) {
        write(actorId, null, action, resourceType, resourceId, before, after);
    }

    /** One change of many records of one kind: its record's id, and the record before and after. */
    public record Entry(Object resourceId, Object before, Object after) {
    }

    /** Records the same action on many records in one statement, by a known user (null: the system). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(UUID actorId, String action, String resourceType, java.util.List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        RequestInfo request = RequestInfo.current();
        String[] ids = entries.stream().map(e -> e.resourceId() == null ? null : e.resourceId().toString())
                .toArray(String[]::new);
        String[] befores = entries.stream().map(e -> json(e.before())).toArray(String[]::new);
        String[] afters = entries.stream().map(e -> json(e.after())).toArray(String[]::new);
        db.execute("""
                insert into audit_logs (organization_id, user_id, action, resource_type, resource_id, before, after,
                                        ip_address, user_agent)
                select {0}, {1}, {2}, {3}, v.resource_id, v.before::jsonb, v.after::jsonb, {4}, {5}
                from unnest({6}, {7}, {8}) as v(resource_id, before, after)""",
                DSL.val(TenantContext.require()), DSL.val(actorId, SQLDataType.UUID), DSL.val(action),
                DSL.val(resourceType), DSL.val(request.ipAddress(), SQLDataType.VARCHAR),
                DSL.val(request.userAgent(), SQLDataType.VARCHAR), DSL.val(ids, SQLDataType.VARCHAR.array()),
                DSL.val(befores, SQLDataType.VARCHAR.array()), DSL.val(afters, SQLDataType.VARCHAR.array()));
    }

    private String json(Object value) {
        return value == null ? null : json.writeValueAsString(value);
    }

    private void write(UUID actorId, UUID impersonatorId, String action, String resourceType, Object resourceId,
            Object before, Object after) {
        RequestInfo request = RequestInfo.current();
        db.insertInto(AUDIT_LOGS)
                .set(AUDIT_LOGS.ORGANIZATION_ID, TenantContext.require())
                .set(AUDIT_LOGS.USER_ID, actorId)
                .set(AUDIT_LOGS.IMPERSONATED_BY, impersonatorId)
                .set(AUDIT_LOGS.ACTION, action)
                .set(AUDIT_LOGS.RESOURCE_TYPE, resourceType)
                .set(AUDIT_LOGS.RESOURCE_ID, resourceId == null ? null : resourceId.toString())
                .set(AUDIT_LOGS.BEFORE, toJson(before))
                .set(AUDIT_LOGS.AFTER, toJson(after))
                .set(AUDIT_LOGS.IP_ADDRESS, request.ipAddress())
                .set(AUDIT_LOGS.USER_AGENT, request.userAgent())
                .execute();
    }

    private JSONB toJson(Object value) {
        return value == null ? null : JSONB.valueOf(json.writeValueAsString(value));
    }
}
