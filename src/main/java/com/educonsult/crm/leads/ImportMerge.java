package com.educonsult.crm.leads;

import static com.educonsult.crm.jooq.Tables.LEADS;

import com.educonsult.crm.jooq.tables.records.LeadsRecord;
import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges one batch of read rows into the organization's leads with a fixed number of statements, whatever the
 * batch's size: one query finds the leads that already have a row's phone or email; the rows are resolved in file
 * order (as if written one after the other: a duplicate of an earlier row of the batch changes the lead that row
 * creates); the outcome is copied into the staging table; then one statement creates the new leads with their
 * first stage, their audit entries and the import's record of them, one changes the existing leads, and the
 * assignment of the new leads is written in bulk.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class ImportMerge {

    /** Who imports what, for one batch. */
    record Batch(UUID organizationId, UUID importId, CurrentUser actor, String policy, String source) {
    }

    /** The oldest live lead sharing a row's phone or email, and what the row needs to know of it. */
    private record Existing(UUID leadId, boolean visible, BigDecimal budgetMin, BigDecimal budgetMax) {
    }

    /** The rows of the batch that change one lead, folded in file order into what they change. */
    private static final class Change {
        final UUID leadId;
        final ImportRow first;
        final LeadsRecord values;
        final Map<String, Object> custom;
        final BigDecimal budgetMin;
        final BigDecimal budgetMax;

        Change(UUID leadId, ImportRow first, LeadsRecord values, Map<String, Object> custom, BigDecimal budgetMin,
                BigDecimal budgetMax) {
            this.leadId = leadId;
            this.first = first;
            this.values = values;
            this.custom = custom;
            this.budgetMin = budgetMin;
            this.budgetMax = budgetMax;
        }

        /** Adds the row's fields; false (nothing added) when the lead's budget would end below its minimum. */
        boolean fold(ImportRow row) {
            BigDecimal min = given(row.values, LEADS.BUDGET_MIN) ? row.values.getBudgetMin()
                    : given(values, LEADS.BUDGET_MIN) ? values.getBudgetMin() : budgetMin;
            BigDecimal max = given(row.values, LEADS.BUDGET_MAX) ? row.values.getBudgetMax()
                    : given(values, LEADS.BUDGET_MAX) ? values.getBudgetMax() : budgetMax;
            if (min != null && max != null && max.compareTo(min) < 0) {
                return false;
            }
            for (TableField<LeadsRecord, ?> column : ImportColumns.ALL) {
                if (!ImportColumns.KEPT_ON_UPDATE.contains(column) && given(row.values, column)) {
                    copy(row.values, values, column);
                }
            }
            custom.putAll(row.custom);
            return true;
        }
    }

    private final DSLContext db;
    private final DataSource dataSource;
    private final AutoAssignment autoAssignment;
    private final Assignments assignments;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    ImportMerge(DSLContext db, DataSource dataSource, AutoAssignment autoAssignment, Assignments assignments,
            ApplicationEventPublisher events, JsonMapper json) {
        this.db = db;
        this.dataSource = dataSource;
        this.autoAssignment = autoAssignment;
        this.assignments = assignments;
        this.events = events;
        this.json = json;
    }

    /**
     * Gives every valid row the outcome merging would give it, and writes nothing: the dry run of an import's first
     * rows.
     */
    void resolveOnly(Batch batch, List<ImportRow> rows) {
        List<ImportRow> valid = rows.stream().filter(ImportRow::valid).toList();
        if (valid.isEmpty()) {
            return;
        }
        Map<Integer, Existing> existing = batch.policy().equals("create") ? Map.of() : existing(batch, valid);
        resolve(batch, valid, existing, new ArrayList<>(), new LinkedHashMap<>());
    }

    /** Gives every valid row its outcome and writes the batch; rows refused on the way are marked failed. */
    void merge(Batch batch, List<ImportRow> rows) {
        List<ImportRow> valid = rows.stream().filter(ImportRow::valid).toList();
        if (valid.isEmpty()) {
            return;
        }
        Map<Integer, Existing> existing = batch.policy().equals("create") ? Map.of() : existing(batch, valid);
        List<ImportRow> creates = new ArrayList<>();
        Map<UUID, Change> changes = new LinkedHashMap<>();
        resolve(batch, valid, existing, creates, changes);
        stage(batch, creates, changes.values());
        Set<UUID> created = insertCreated(batch, creates);
        for (ImportRow row : creates) {
            if (!created.contains(row.leadId)) {
                String reason = "source_lead_id: another lead of the platform has it";
                row.fail(reason);
                row.followers.forEach(follower -> follower.fail(reason));
            }
        }
        int updated = changes.isEmpty() ? 0 : updateExisting(batch);
        assign(batch, creates.stream().filter(ImportRow::valid).toList());
        db.execute("delete from lead_import_rows where organization_id = ? and import_id = ?",
                batch.organizationId(), batch.importId());
        events.publishEvent(new LeadEvents.LeadsImported(batch.organizationId(), batch.importId(),
                batch.actor().userId(), created.size(), updated));
    }

    /** A live lead having one of the batch's phones or emails, as the rows are matched against it. */
    private record Candidate(UUID id, String phone, String secondaryPhone, String email, OffsetDateTime createdAt,
            boolean visible, BigDecimal budgetMin, BigDecimal budgetMax) {

        Existing existing() {
            return new Existing(id, visible, budgetMin, budgetMax);
        }
    }

    /** Earliest created first, then by id as PostgreSQL orders uuids: the lead a duplicate is of. */
    private static final Comparator<Candidate> OLDEST = Comparator.comparing(Candidate::createdAt)
            .thenComparing(c -> c.id().toString());

    /**
     * Each row's oldest live duplicate by phone (primary or secondary), else by email, as creating the rows one by
     * one finds it. One query fetches every lead having one of the batch's keys (index lookups by arrays of keys,
     * whatever the table's statistics say); the rows are matched to them here.
     */
    private Map<Integer, Existing> existing(Batch batch, List<ImportRow> rows) {
        Set<String> phones = new HashSet<>();
        Set<String> emails = new HashSet<>();
        for (ImportRow row : rows) {
            Stream.of(row.values.getPhone(), row.values.getSecondaryPhone()).filter(Objects::nonNull)
                    .forEach(phones::add);
            if (row.values.getEmail() != null) {
                emails.add(row.values.getEmail());
            }
        }
        if (phones.isEmpty() && emails.isEmpty()) {
            return Map.of();
        }
        String[] phoneKeys = phones.toArray(String[]::new);
        List<Candidate> candidates = db.select(LEADS.ID, LEADS.PHONE, LEADS.SECONDARY_PHONE, LEADS.EMAIL,
                        LEADS.CREATED_AT, DSL.field(LeadScope.visibleTo(batch.actor())), LEADS.BUDGET_MIN,
                        LEADS.BUDGET_MAX)
                .from(LEADS)
                .where(LEADS.ORGANIZATION_ID.eq(batch.organizationId()), LeadScope.notDeleted(),
                        DSL.or(LEADS.PHONE.eq(DSL.any(phoneKeys)), LEADS.SECONDARY_PHONE.eq(DSL.any(phoneKeys)),
                                LEADS.EMAIL.eq(DSL.any(emails.toArray(String[]::new)))))
                .fetch(r -> new Candidate(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()));
        Map<String, Candidate> byPhone = new HashMap<>();
        Map<String, Candidate> byEmail = new HashMap<>();
        for (Candidate candidate : candidates) {
            Stream.of(candidate.phone(), candidate.secondaryPhone()).filter(Objects::nonNull)
                    .forEach(phone -> byPhone.merge(phone, candidate, OLDER));
            if (candidate.email() != null) {
                byEmail.merge(candidate.email(), candidate, OLDER);
            }
        }
        Map<Integer, Existing> byRow = new HashMap<>();
        for (ImportRow row : rows) {
            Stream.of(byPhone.get(key(row.values.getPhone())), byPhone.get(key(row.values.getSecondaryPhone())),
                            byEmail.get(key(row.values.getEmail())))
                    .filter(Objects::nonNull).findFirst()
                    .ifPresent(candidate -> byRow.put(row.number, candidate.existing()));
        }
        return byRow;
    }

    private static final java.util.function.BinaryOperator<Candidate> OLDER =
            (a, b) -> OLDEST.compare(a, b) <= 0 ? a : b;

    private static String key(String value) {
        return value == null ? "" : value;
    }

    /**
     * The rows in file order, as the one-by-one import decided them: a row whose phone or email a live lead has
     * is skipped or changes that lead; one whose phone or email an earlier row of the batch brought is skipped or
     * changes the lead that row creates or changes; any other row creates a lead.
     */
    private void resolve(Batch batch, List<ImportRow> rows, Map<Integer, Existing> existing,
            List<ImportRow> creates, Map<UUID, Change> changes) {
        boolean update = batch.policy().equals("update");
        Map<String, Object> seen = new HashMap<>();
        for (ImportRow row : rows) {
            if (batch.policy().equals("create")) {
                create(row, creates);
                continue;
            }
            Existing duplicate = existing.get(row.number);
            Object earlier = duplicate == null ? earlier(seen, row) : null;
            noteDuplicate(row, duplicate, earlier);
            if (duplicate == null && earlier == null) {
                if (create(row, creates)) {
                    remember(seen, row, row);
                }
            } else if (!update) {
                row.outcome = ImportRow.Outcome.SKIPPED;
            } else if (duplicate != null) {
                if (!duplicate.visible()) {
                    row.fail("duplicate of lead " + duplicate.leadId() + ", not updated: Lead not found");
                    continue;
                }
                Change change = changes.computeIfAbsent(duplicate.leadId(), id -> new Change(id, row,
                        new LeadsRecord(), new LinkedHashMap<>(), duplicate.budgetMin(), duplicate.budgetMax()));
                if (changed(row, change)) {
                    remember(seen, row, change);
                }
            } else if (earlier instanceof ImportRow creating) {
                Change change = new Change(creating.leadId, creating, creating.values, creating.custom, null, null);
                if (changed(row, change)) {
                    creating.followers.add(row);
                    remember(seen, row, creating);
                }
            } else if (changed(row, (Change) earlier)) {
                remember(seen, row, earlier);
            }
        }
    }

    /** Notes which lead or earlier row a row repeats, for the preview and the error report's reader. */
    private static void noteDuplicate(ImportRow row, Existing duplicate, Object earlier) {
        if (duplicate != null) {
            row.duplicateOfLead = duplicate.leadId();
        } else if (earlier instanceof ImportRow creating) {
            row.duplicateOfRow = creating.number;
        } else if (earlier instanceof Change change) {
            row.duplicateOfLead = change.leadId;
        }
    }

    private static boolean create(ImportRow row, List<ImportRow> creates) {
        if (row.missingForNewLead != null) {
            row.fail(row.missingForNewLead);
            return false;
        }
        row.outcome = ImportRow.Outcome.CREATED;
        row.leadId = Ids.newId();
        creates.add(row);
        return true;
    }

    private static boolean changed(ImportRow row, Change change) {
        if (!change.fold(row)) {
            row.fail("duplicate of lead " + change.leadId + ", not updated: budget_max: must not be less than "
                    + "budget_min");
            return false;
        }
        row.outcome = ImportRow.Outcome.UPDATED;
        row.leadId = change.leadId;
        return true;
    }

    /** The earlier row (creating) or change of the batch that has one of the row's phones, else its email. */
    private static Object earlier(Map<String, Object> seen, ImportRow row) {
        return Stream.of(row.values.getPhone(), row.values.getSecondaryPhone(), row.values.getEmail())
                .filter(Objects::nonNull).map(seen::get).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static void remember(Map<String, Object> seen, ImportRow row, Object lead) {
        Stream.of(row.values.getPhone(), row.values.getSecondaryPhone(), row.values.getEmail())
                .filter(Objects::nonNull).forEach(key -> seen.putIfAbsent(key, lead));
    }

    /** Copies the batch's new leads and changes into the staging table (PostgreSQL COPY). */
    private void stage(Batch batch, List<ImportRow> creates, java.util.Collection<Change> changes) {
        StringBuilder csv = new StringBuilder(4096 + 400 * (creates.size() + changes.size()));
        for (ImportRow row : creates) {
            LeadsRecord lead = row.values;
            if (lead.getPlatform() == null) {
                lead.setPlatform("import");
            }
            if (lead.getSource() == null && batch.source() != null) {
                lead.setSource(batch.source());
            }
            if (lead.getBranchId() == null) {
                lead.setBranchId(batch.actor().branchId());
            }
            lead.setStatusId(row.status.id());
            lead.setCustomFields(JSONB.valueOf(json.writeValueAsString(row.custom)));
            appendRow(csv, batch, row.number, "create", row.leadId, lead, true);
        }
        for (Change change : changes) {
            change.values.setCustomFields(change.custom.isEmpty() ? null
                    : JSONB.valueOf(json.writeValueAsString(change.custom)));
            appendRow(csv, batch, change.first.number, "update", change.leadId, change.values, false);
        }
        // COPY cannot write a table under row-level security: it fills a table private to this session, emptied
        // at commit, whose rows then enter the staging table under the tenant's policy
        db.execute("create temporary table if not exists lead_import_copy (like lead_import_rows) "
                + "on commit delete rows");
        copyIn("copy lead_import_copy (organization_id, import_id, row_number, action, lead_id, "
                + ImportColumns.NAMES + ") from stdin with (format csv)", csv.toString());
        db.execute("insert into lead_import_rows select * from lead_import_copy");
    }

    private static void appendRow(StringBuilder csv, Batch batch, int number, String action, UUID leadId,
            LeadsRecord values, boolean withDefaults) {
        Object[] cells = new Object[5 + ImportColumns.ALL.size()];
        cells[0] = batch.organizationId();
        cells[1] = batch.importId();
        cells[2] = number;
        cells[3] = action;
        cells[4] = leadId;
        for (int c = 0; c < ImportColumns.ALL.size(); c++) {
            TableField<LeadsRecord, ?> column = ImportColumns.ALL.get(c);
            Object value = values.get(column);
            cells[5 + c] = value == null && withDefaults ? creationDefault(column) : value;
        }
        ImportColumns.appendCsv(csv, cells);
    }

    /** The value a new lead takes for a column the row leaves empty where the column has one (lists, currency). */
    private static Object creationDefault(TableField<LeadsRecord, ?> column) {
        if (column.getType() == String[].class) {
            return new String[0];
        }
        if (column == LEADS.BUDGET_CURRENCY) {
            return "INR";
        }
        if (column == LEADS.PRIORITY) {
            return "warm";
        }
        return null;
    }

    private void copyIn(String sql, String csv) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(sql, new StringReader(csv));
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("Copying the import's rows failed", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * One statement: the new leads (a lead whose platform and source id another lead has is left out), their first
     * stage, their audit entries and the import's record of them. Answers the ids created.
     */
    private Set<UUID> insertCreated(Batch batch, List<ImportRow> creates) {
        String staged = ImportColumns.ALL.stream().map(c -> "s." + c.getName()).collect(Collectors.joining(", "));
        var ids = db.fetch("""
                with created as (
                  insert into leads (organization_id, id, created_by, converted_at, %s)
                  select s.organization_id, s.lead_id, {2}, case when st.is_won then now() end, %s
                  from lead_import_rows s
                  join lead_statuses st on st.organization_id = s.organization_id and st.id = s.status_id
                  where s.organization_id = {0} and s.import_id = {1} and s.action = 'create'
                  order by s.row_number
                  %s
                  returning *
                ), stages as (
                  insert into lead_stages (organization_id, lead_id, status_id, entered_at, sla_due_at, changed_by, notes)
                  select c.organization_id, c.id, c.status_id, now(), now() + make_interval(hours => st.sla_hours), {2},
                         'Lead created'
                  from created c join lead_statuses st on st.organization_id = c.organization_id and st.id = c.status_id
                ), audited as (
                  insert into audit_logs (organization_id, user_id, action, resource_type, resource_id, after)
                  select c.organization_id, {2}, 'lead.created', 'lead', c.id::text,
                         jsonb_build_object('import_id', {1}::uuid, 'first_name', c.first_name, 'last_name',
                                            c.last_name, 'phone', c.phone, 'email', c.email, 'status_id', c.status_id,
                                            'branch_id', c.branch_id, 'platform', c.platform, 'source', c.source)
                  from created c
                )
                select id from created""".formatted(ImportColumns.NAMES, staged,
                        creates.stream().anyMatch(row -> row.values.getSourceLeadId() != null)
                                ? "on conflict (organization_id, platform, source_lead_id) where source_lead_id is not null "
                                        + "do nothing" : ""),
                DSL.val(batch.organizationId()), DSL.val(batch.importId()), DSL.val(batch.actor().userId()));
        Set<UUID> created = ids.stream().map(r -> r.get(0, UUID.class))
                .collect(Collectors.toCollection(HashSet::new));
        db.execute("""
                insert into lead_import_changes (organization_id, import_id, row_number, lead_id, action, written_at)
                select organization_id, import_id, row_number, lead_id, 'created', now()
                from lead_import_rows
                where organization_id = {0} and import_id = {1} and action = 'create' and lead_id <> all({2})""",
                DSL.val(batch.organizationId()), DSL.val(batch.importId()), DSL.val(creates.stream()
                        .map(row -> row.leadId).filter(id -> !created.contains(id)).toArray(UUID[]::new),
                        SQLDataType.UUID.array()));
        return created;
    }

    /**
     * The changes to existing leads: their rows locked in id order first, then one statement that writes the
     * fields the rows give, keeps each lead as it was for undoing, and audits each change. Answers the leads changed.
     */
    private int updateExisting(Batch batch) {
        db.fetch("""
                select l.id from leads l
                join lead_import_rows s on s.organization_id = l.organization_id and s.lead_id = l.id
                where s.organization_id = {0} and s.import_id = {1} and s.action = 'update'
                order by l.id
                for no key update of l""", DSL.val(batch.organizationId()), DSL.val(batch.importId()));
        return db.fetchSingle("""
                with targets as (
                  select s.row_number, l.id, to_jsonb(l) - 'search' as before
                  from leads l
                  join lead_import_rows s on s.organization_id = l.organization_id and s.lead_id = l.id
                  where s.organization_id = {0} and s.import_id = {1} and s.action = 'update'
                ), updated as (
                  update leads l set %s, updated_at = now()
                  from lead_import_rows s
                  where s.organization_id = {0} and s.import_id = {1} and s.action = 'update'
                    and l.organization_id = s.organization_id and l.id = s.lead_id
                  returning l.*
                ), recorded as (
                  insert into lead_import_changes (organization_id, import_id, row_number, lead_id, action, before,
                                                   written_at)
                  select {0}, {1}, t.row_number, t.id, 'updated', t.before, now() from targets t
                ), audited as (
                  insert into audit_logs (organization_id, user_id, action, resource_type, resource_id, before, after)
                  select u.organization_id, {2}, 'lead.updated', 'lead', u.id::text, t.before,
                         (to_jsonb(u) - 'search') || jsonb_build_object('import_id', {1}::uuid)
                  from updated u join targets t on t.id = u.id
                )
                select count(*) from updated""".formatted(ImportColumns.updates("s", "l")),
                DSL.val(batch.organizationId()), DSL.val(batch.importId()), DSL.val(batch.actor().userId()))
                .get(0, Integer.class);
    }

    /**
     * Assigns the new leads as creating them one by one would: by the organization's automatic assignment, else to
     * the importing user when they could not see the lead otherwise.
     */
    private void assign(Batch batch, List<ImportRow> created) {
        if (created.isEmpty()) {
            return;
        }
        List<AutoAssignment.NewLead> leads = created.stream().map(r -> new AutoAssignment.NewLead(r.leadId,
                r.values.getBranchId(), r.values.getSource(), r.values.getPlatform())).toList();
        Map<UUID, AutoAssignment.Choice> chosen = autoAssignment.planNew(batch.organizationId(), leads);
        CurrentUser actor = batch.actor();
        List<Assignments.Change> changes = new ArrayList<>();
        for (AutoAssignment.NewLead lead : leads) {
            AutoAssignment.Choice choice = chosen.get(lead.id());
            if (choice != null) {
                changes.add(new Assignments.Change(batch.organizationId(), lead.id(), null, choice.userId(), null,
                        "auto", choice.strategy(), null, null));
            } else if (!seesUnassigned(actor, lead.branchId())) {
                changes.add(new Assignments.Change(batch.organizationId(), lead.id(), null, actor.userId(),
                        actor.userId(), "assign", null, "created the lead", null));
            }
        }
        assignments.applyAll(changes);
    }

    /** Whether the user's data scope shows an unassigned lead of the branch. */
    private static boolean seesUnassigned(CurrentUser user, UUID branchId) {
        return user.dataScope() == DataScope.ALL
                || (user.dataScope() == DataScope.BRANCH && user.branchId() != null && user.branchId().equals(branchId));
    }

    private static boolean given(LeadsRecord values, TableField<LeadsRecord, ?> column) {
        return values.changed(column) && values.get(column) != null;
    }

    private static <T> void copy(LeadsRecord from, LeadsRecord to, TableField<LeadsRecord, T> column) {
        to.set(column, from.get(column));
    }

    private static org.jooq.Field<String[]> texts(Stream<String> values) {
        return DSL.val(values.toArray(String[]::new), SQLDataType.VARCHAR.array());
    }
}
