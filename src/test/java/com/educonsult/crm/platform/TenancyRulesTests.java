package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tenancy rules of the schema, read from PostgreSQL's catalog: every table is either global (listed here,
 * with a reason) or a tenant table with organization_id in its keys and forced row-level security.
 */
class TenancyRulesTests extends ApiTest {

    /** Tables without a tenant, and why. */
    private static final Set<String> GLOBAL_TABLES = Set.of(
            "flyway_schema_history",  // migrations
            "scheduled_tasks",        // jobs of all organizations (cluster-wide scheduler)
            "event_publication",      // the event publication registry
            "organizations",          // the tenant registry itself, found by slug before a tenant is known
            "permissions",            // the permission catalogue, the same for every organization
            "otp_codes",              // a code may verify a phone before its organization exists
            "recorded_messages",      // recorded messages may precede their organization (registration OTP)
            "countries",              // the ISO 3166 country list, the same for every organization
            "rate_limit_buckets",     // rate limit buckets keyed by user, API key or client address
            "meta_webhook_deliveries", // Meta's deliveries arrive before the organization is known (routed by page)
            "recording_path_suggestions"); // where phones keep recordings, by make: learned from all organizations

    @Test
    void everyTableIsGlobalOrATenantTable() {
        List<String> unclassified = db.fetch("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p')
                  and not exists (select 1 from pg_attribute a where a.attrelid = c.oid
                                  and a.attname = 'organization_id' and not a.attisdropped)
                """).getValues(0, String.class).stream().filter(t -> !GLOBAL_TABLES.contains(t)).toList();

        assertThat(unclassified).as("tables with no organization_id that are not declared global").isEmpty();
    }

    @Test
    void everyTenantTableHasForcedRowLevelSecurityWithAPolicy() {
        List<String> unprotected = db.fetch("""
                select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and c.relkind in ('r', 'p')
                  and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id')
                  and (not c.relrowsecurity or not c.relforcerowsecurity
                       or not exists (select 1 from pg_policy p where p.polrelid = c.oid))
                """).getValues(0, String.class);

        assertThat(unprotected).as("tenant tables without forced row-level security").isEmpty();
    }

    @Test
    void everyTenantTableHasTheTenantInItsPrimaryKeyUniqueKeysAndForeignKeys() {
        List<String> violations = new ArrayList<>();
        violations.addAll(db.fetch("""
                select c.relname || ': ' || con.contype::text || ' ' || con.conname
                from pg_constraint con
                join pg_class c on c.oid = con.conrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and con.contype in ('p', 'u')
                  and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id')
                  and not exists (select 1 from unnest(con.conkey) k
                                  join pg_attribute a on a.attrelid = c.oid and a.attnum = k
                                  where a.attname = 'organization_id')
                """).getValues(0, String.class));
        violations.addAll(db.fetch("""
                select c.relname || ': unique index ' || i.relname
                from pg_index x
                join pg_class c on c.oid = x.indrelid
                join pg_class i on i.oid = x.indexrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and x.indisunique
                  and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'organization_id')
                  and not exists (select 1 from unnest(x.indkey) k
                                  join pg_attribute a on a.attrelid = c.oid and a.attnum = k
                                  where a.attname = 'organization_id')
                """).getValues(0, String.class));
        violations.addAll(db.fetch("""
                select c.relname || ': foreign key ' || con.conname
                from pg_constraint con
                join pg_class c on c.oid = con.conrelid
                join pg_class target on target.oid = con.confrelid
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'public' and con.contype = 'f'
                  and exists (select 1 from pg_attribute a where a.attrelid = target.oid and a.attname = 'organization_id')
                  and not exists (select 1 from unnest(con.conkey) k
                                  join pg_attribute a on a.attrelid = c.oid and a.attnum = k
                                  where a.attname = 'organization_id')
                """).getValues(0, String.class));

        assertThat(violations).as("tenant keys without organization_id").isEmpty();
    }

    @Test
    void theApplicationConnectsAsARoleThatCannotBypassRowLevelSecurity() {
        var role = db.fetchOne("select rolsuper, rolbypassrls from pg_roles where rolname = current_user");

        assertThat(role.get(0, Boolean.class)).as("superuser").isFalse();
        assertThat(role.get(1, Boolean.class)).as("bypassrls").isFalse();
    }

    @Test
    void aQueryWithoutATenantSeesNoTenantRows() {
        Org org = registerOrganization();
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(db.selectFrom("users")))).isPositive();

        int withoutTenant = db.fetchCount(db.selectFrom("users"));
        int rolesWithoutTenant = db.fetchCount(db.selectFrom("roles"));

        assertThat(withoutTenant).isZero();
        assertThat(rolesWithoutTenant).isZero();
    }

    @Test
    void aTransactionOfOneOrganizationSeesNoRowOfAnother() {
        Org first = registerOrganization();
        Org second = registerOrganization();

        int visible = tenancy.callAs(first.id(), () -> db.fetchCount(db.selectFrom("users")
                .where("organization_id = ?", second.id())));

        assertThat(visible).isZero();
    }

    @Test
    void aRowOfAnotherOrganizationCannotBeWritten() {
        Org first = registerOrganization();
        Org second = registerOrganization();

        var thrown = org.assertj.core.api.Assertions.catchThrowable(() -> tenancy.runAs(first.id(), () ->
                db.execute("insert into branches (organization_id, name) values (?, 'Intruder')", second.id())));

        assertThat(thrown).rootCause().hasMessageContaining("row-level security");
    }
}
