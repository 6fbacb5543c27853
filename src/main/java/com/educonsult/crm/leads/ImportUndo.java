package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEAD_IMPORTS;

import com.educonsult.crm.jooq.tables.records.LeadImportsRecord;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.ApiException;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Undoing a finished import within a day: the leads it created are deleted (soft, restorable as any deleted lead)
 * and the fields it changed on existing leads are set back, unless a person has worked on the lead since; such
 * leads are kept and counted. Undoing twice answers the first undo's result.
 */
@Service
public class ImportUndo {

    static final Duration WINDOW = Duration.ofHours(24);

    @Schema(name = "ImportUndoResult", description = "What undoing an import did. A lead worked on since the import "
            + "(changed, assigned, called or given an interaction) is kept as it is and counted in kept_count")
    public record Result(UUID importId, int removedCount, int revertedCount, int keptCount, OffsetDateTime undoneAt) {
    }

    private final DSLContext db;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    ImportUndo(DSLContext db, AuditTrail audit, ApplicationEventPublisher events, JsonMapper json, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public Result undo(CurrentUser user, UUID importId) {
        LeadImportsRecord row = db.selectFrom(LEAD_IMPORTS)
                .where(Imports.visibleTo(user), LEAD_IMPORTS.ID.eq(importId))
                .forUpdate().fetchOptional().orElseThrow(() -> ApiException.notFound("Import"));
        if (row.getUndoResult() != null) {
            return json.readValue(row.getUndoResult().data(), Result.class);
        }
        if (row.getFinishedAt() == null) {
            throw new ApiException(HttpStatus.CONFLICT, "The import is still " + row.getStatus()
                    + ": it can be undone once it has finished");
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        OffsetDateTime until = row.getFinishedAt().plus(WINDOW);
        if (now.isAfter(until)) {
            throw new ApiException(HttpStatus.CONFLICT, "An import can be undone within 24 hours of finishing; this "
                    + "one finished at " + row.getFinishedAt().withOffsetSameInstant(ZoneOffset.UTC) + ", so it "
                    + "could be undone until " + until);
        }
        UUID organizationId = user.organizationId();
        lockLeads(organizationId, importId);
        int removed = removeCreated(user, importId);
        int reverted = revertUpdated(user, importId);
        int kept = keptCount(organizationId, importId);
        Result result = new Result(importId, removed, reverted, kept, now);
        db.update(LEAD_IMPORTS).set(LEAD_IMPORTS.UNDONE_AT, now).set(LEAD_IMPORTS.UNDONE_BY, user.userId())
                .set(LEAD_IMPORTS.UNDO_RESULT, JSONB.valueOf(json.writeValueAsString(result)))
                .where(LEAD_IMPORTS.ORGANIZATION_ID.eq(organizationId), LEAD_IMPORTS.ID.eq(importId)).execute();
        audit.record("lead_import.undone", "lead_import", importId, null, result);
        events.publishEvent(new LeadEvents.LeadImportUndone(organizationId, importId, user.userId(), removed,
                reverted));
        return result;
    }

    /** The import's leads, locked in id order (the order every multi-lead write takes). */
    private void lockLeads(UUID organizationId, UUID importId) {
        db.fetch("""
                select l.id from leads l
                where l.organization_id = {0}
                  and l.id in (select lead_id from lead_import_changes where organization_id = {0} and import_id = {1})
                order by l.id
                for no key update of l""", DSL.val(organizationId), DSL.val(importId));
    }

    /**
     * Deletes the live leads the import created that nobody worked on since: not changed after the import's last
     * write to them, never called, no interaction recorded.
     */
    private int removeCreated(CurrentUser user, UUID importId) {
        return db.fetchSingle("""
                with written as (
                  select lead_id, max(written_at) as written_at from lead_import_changes
                  where organization_id = {0} and import_id = {1}
                  group by lead_id
                  having bool_or(action = 'created')
                ), removed as (
                  update leads l set deleted_at = now(), updated_at = now()
                  from written w
                  where l.organization_id = {0} and l.id = w.lead_id and l.deleted_at is null
                    and l.updated_at <= w.written_at and l.total_attempts = 0 and l.engagement = 'new'
                  returning l.id
                ), audited as (
                  insert into audit_logs (organization_id, user_id, action, resource_type, resource_id, after)
                  select {0}, {2}, 'lead.deleted', 'lead', r.id::text,
                         jsonb_build_object('reason', 'import undone', 'import_id', {1}::uuid)
                  from removed r
                )
                select count(*) from removed""", DSL.val(user.organizationId()), DSL.val(importId),
                DSL.val(user.userId())).get(0, Integer.class);
    }

    /** Sets back the fields the import changed on existing leads nobody changed since. */
    private int revertUpdated(CurrentUser user, UUID importId) {
        String columns = ImportColumns.ALL.stream().filter(c -> !ImportColumns.KEPT_ON_UPDATE.contains(c))
                .map(c -> c.getName() + " = b." + c.getName()).collect(Collectors.joining(", "));
        return db.fetchSingle("""
                with changed as (
                  select distinct on (c.lead_id) c.lead_id, c.before,
                         max(c.written_at) over (partition by c.lead_id) as written_at
                  from lead_import_changes c
                  where c.organization_id = {0} and c.import_id = {1} and c.action = 'updated'
                  order by c.lead_id, c.row_number
                ), reverted as (
                  update leads l set %s, updated_at = now()
                  from changed ch cross join lateral jsonb_populate_record(null::leads, ch.before) as b
                  where l.organization_id = {0} and l.id = ch.lead_id and l.deleted_at is null
                    and l.updated_at <= ch.written_at
                  returning l.id
                ), audited as (
                  insert into audit_logs (organization_id, user_id, action, resource_type, resource_id, after)
                  select {0}, {2}, 'lead.updated', 'lead', r.id::text,
                         jsonb_build_object('reason', 'import undone', 'import_id', {1}::uuid)
                  from reverted r
                )
                select count(*) from reverted""".formatted(columns), DSL.val(user.organizationId()),
                DSL.val(importId), DSL.val(user.userId())).get(0, Integer.class);
    }

    /** The import's leads that stay as they are: still live and neither removed nor set back just now. */
    private int keptCount(UUID organizationId, UUID importId) {
        return db.fetchSingle("""
                select count(*) from leads l
                where l.organization_id = {0} and l.deleted_at is null and l.updated_at < now()
                  and l.id in (select lead_id from lead_import_changes where organization_id = {0} and import_id = {1})""",
                DSL.val(organizationId), DSL.val(importId)).get(0, Integer.class);
    }
}
