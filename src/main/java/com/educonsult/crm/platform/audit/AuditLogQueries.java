package com.educonsult.crm.platform.audit;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;

import com.educonsult.crm.jooq.tables.records.AuditLogsRecord;
import com.educonsult.crm.platform.TenantContext;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the audit log of the current organization, newest first. */
@Component
public class AuditLogQueries {

    /** One audit entry: who did what to which record, with the record before and after. */
    public record AuditLogEntry(UUID id, UUID userId, UUID impersonatedBy, String action, String resourceType,
            String resourceId, JsonNode before, JsonNode after, String ipAddress, String userAgent,
            OffsetDateTime createdAt) {
    }

    /**
     * Which entries to list; null fields do not filter.
     *
     * @param search text found (ignoring case) in the action, resource type or id, or the before/after JSON
     */
    public record Filter(OffsetDateTime from, OffsetDateTime to, UUID userId, String action, String resourceType,
            String resourceId, String search) {
    }

    private final DSLContext db;
    private final JsonMapper json;

    public AuditLogQueries(DSLContext db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public Page<AuditLogEntry> search(Filter filter, PageRequest page) {
        Condition condition = DSL.and(conditions(TenantContext.require(), filter));
        List<AuditLogEntry> items = db.selectFrom(AUDIT_LOGS).where(condition)
                .orderBy(AUDIT_LOGS.CREATED_AT.desc(), AUDIT_LOGS.ID.desc())
                .limit(page.limit()).offset(page.offset())
                .fetch(this::entry);
        return page.page(items, (long) db.fetchCount(AUDIT_LOGS, condition));
    }

    @Transactional(readOnly = true)
    public Optional<AuditLogEntry> find(UUID id) {
        return db.selectFrom(AUDIT_LOGS)
                .where(AUDIT_LOGS.ORGANIZATION_ID.eq(TenantContext.require()), AUDIT_LOGS.ID.eq(id))
                .fetchOptional(this::entry);
    }

    private static List<Condition> conditions(UUID organizationId, Filter filter) {
        List<Condition> conditions = new ArrayList<>();
        conditions.add(AUDIT_LOGS.ORGANIZATION_ID.eq(organizationId));
        if (filter.from() != null) {
            conditions.add(AUDIT_LOGS.CREATED_AT.ge(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add(AUDIT_LOGS.CREATED_AT.lt(filter.to()));
        }
        if (filter.userId() != null) {
            conditions.add(AUDIT_LOGS.USER_ID.eq(filter.userId()));
        }
        if (filter.action() != null) {
            conditions.add(AUDIT_LOGS.ACTION.eq(filter.action()));
        }
        if (filter.resourceType() != null) {
            conditions.add(AUDIT_LOGS.RESOURCE_TYPE.eq(filter.resourceType()));
        }
        if (filter.resourceId() != null) {
            conditions.add(AUDIT_LOGS.RESOURCE_ID.eq(filter.resourceId()));
        }
        if (filter.search() != null && !filter.search().isBlank()) {
            String text = filter.search().trim();
            conditions.add(DSL.or(
                    AUDIT_LOGS.ACTION.containsIgnoreCase(text),
                    AUDIT_LOGS.RESOURCE_TYPE.containsIgnoreCase(text),
                    AUDIT_LOGS.RESOURCE_ID.containsIgnoreCase(text),
                    AUDIT_LOGS.BEFORE.cast(SQLDataType.CLOB).containsIgnoreCase(text),
                    AUDIT_LOGS.AFTER.cast(SQLDataType.CLOB).containsIgnoreCase(text)));
        }
        return conditions;
    }

    private AuditLogEntry entry(AuditLogsRecord log) {
        return new AuditLogEntry(log.getId(), log.getUserId(), log.getImpersonatedBy(), log.getAction(),
                log.getResourceType(), log.getResourceId(), tree(log.getBefore()), tree(log.getAfter()),
                log.getIpAddress(), log.getUserAgent(), log.getCreatedAt());
    }

    private JsonNode tree(JSONB value) {
        return value == null ? null : json.readTree(value.data());
    }
}
