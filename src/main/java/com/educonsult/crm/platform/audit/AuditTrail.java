package com.educonsult.crm.platform.audit;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;

import com.educonsult.crm.jooq.tables.records.AuditLogsRecord;
import com.educonsult.crm.platform.RequestInfo;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.TenantContext;
import com.educonsult.crm.platform.db.AtCommit;
import com.educonsult.crm.platform.db.BulkInsert;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.CurrentUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes who did what to which record, with the record before and after, in the transaction of the change:
 * the entry exists exactly when the change does. A transaction's entries are written together as it commits.
 */
@Component
public class AuditTrail {

    private final DSLContext db;
    private final JsonMapper json;

    private static final List<TableField<AuditLogsRecord, ?>> COLUMNS = List.of(AUDIT_LOGS.ORGANIZATION_ID,
            AUDIT_LOGS.USER_ID, AUDIT_LOGS.IMPERSONATED_BY, AUDIT_LOGS.ACTION, AUDIT_LOGS.RESOURCE_TYPE,
            AUDIT_LOGS.RESOURCE_ID, AUDIT_LOGS.BEFORE, AUDIT_LOGS.AFTER, AUDIT_LOGS.IP_ADDRESS, AUDIT_LOGS.USER_AGENT);

    private final AtCommit<Object[]> entries = new AtCommit<>(this::insert);
    private final Tenancy tenancy;

    public AuditTrail(DSLContext db, JsonMapper json, Tenancy tenancy) {
        this.db = db;
        this.json = json;
        this.tenancy = tenancy;
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
        entries.add(new Object[] {TenantContext.require(), actorId, impersonatorId, action, resourceType,
                resourceId == null ? null : resourceId.toString(), toJson(before), toJson(after), request.ipAddress(),
                request.userAgent()});
    }

    /**
     * A transaction's entries in one statement. Each is written as its organization's: a transaction that moved
     * to another organization (registration) sets the entries' organization for their insert and moves back.
     */
    private void insert(List<Object[]> rows) {
        Map<UUID, List<Object[]>> byOrganization = new LinkedHashMap<>();
        rows.forEach(row -> byOrganization.computeIfAbsent((UUID) row[0], o -> new ArrayList<>()).add(row));
        UUID current = TenantContext.current().orElse(null);
        byOrganization.forEach((organizationId, entriesOf) -> {
            boolean other = !organizationId.equals(current);
            if (other) {
                tenancy.bind(organizationId);
            }
            try {
                BulkInsert.rows(db, AUDIT_LOGS, COLUMNS, entriesOf).execute();
            } finally {
                if (other) {
                    restore(current);
                }
            }
        });
    }

    private void restore(UUID organizationId) {
        if (organizationId == null) {
            tenancy.bind(null);
            tenancy.clear();
        } else {
            tenancy.bind(organizationId);
        }
    }

    private JSONB toJson(Object value) {
        return value == null ? null : JSONB.valueOf(json.writeValueAsString(value));
    }
}
