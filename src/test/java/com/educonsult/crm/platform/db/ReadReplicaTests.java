package com.educonsult.crm.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.educonsult.crm.platform.ReadReplica;
import com.educonsult.crm.platform.TenantContext;
import com.educonsult.crm.support.StreamingReplica;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Analytics and reports read through {@link ReadReplica}: against a real hot standby streaming from its primary,
 * its reads run on the standby, see what the primary committed once it has replicated, and see only their own
 * organization's rows (row-level security holds on the standby as on the primary).
 */
class ReadReplicaTests {

    private static StreamingReplica replication;
    private static DSLContext owner;

    @BeforeAll
    static void startReplication() throws Exception {
        replication = StreamingReplica.start();
        owner = DSL.using(replication.primaryAsOwner(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stopReplication() throws Exception {
        replication.close();
    }

    private static UUID organization(String slug) {
        return value(owner, UUID.class, "insert into organizations (name, slug) values ({0}, {0}) returning id", slug);
    }

    private static <T> T value(DSLContext db, Class<T> type, String sql, Object... bindings) {
        return db.fetchSingle(sql, bindings).get(0, type);
    }

    private static void event(UUID organizationId, String type) {
        owner.execute("insert into analytics_events (organization_id, event_type, visitor_id, channel, occurred_at) "
                + "values ({0}, {1}, 'v-1', 'website', now())", organizationId, type);
    }

    private static List<String> eventTypes(ReadReplica reads, UUID organizationId) {
        return reads.<List<String>>readAs(organizationId, db -> db.fetch("select event_type from analytics_events order by 1")
                .getValues(0, String.class));
    }

    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        T value = read.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }

    @Test
    void aReadRunsOnTheStandbyAndSeesCommittedRowsOfItsOwnOrganizationOnly() throws Exception {
        ReadReplica reads = ReadReplica.onReplica(replication.standbyAsApplication());
        UUID mine = organization("replica-mine");
        UUID theirs = organization("replica-theirs");
        event(mine, "page_view");
        event(theirs, "secret_view");

        assertThat(reads.onReplica()).isTrue();
        assertThat(reads.<Boolean>readAs(mine, db -> value(db, Boolean.class, "select pg_is_in_recovery()"))).isTrue();
        assertThat(eventually(() -> eventTypes(reads, mine), types -> !types.isEmpty())).containsExactly("page_view");
        assertThat(eventually(() -> eventTypes(reads, theirs), types -> !types.isEmpty()))
                .containsExactly("secret_view");

        event(mine, "form_opened");
        assertThat(eventually(() -> eventTypes(reads, mine), types -> types.size() == 2))
                .containsExactly("form_opened", "page_view");
        assertThat(reads.<Long>readAs(mine, db -> value(db, Long.class,
                "select count(*) from analytics_event_counts where organization_id = {0}", theirs))).isZero();
    }

    @Test
    void theStandbyShowsNothingWithoutATenantAndARequestsTenantIsUsed() throws Exception {
        ReadReplica reads = ReadReplica.onReplica(replication.standbyAsApplication());
        UUID mine = organization("replica-tenant");
        event(mine, "page_view");
        eventually(() -> eventTypes(reads, mine), types -> !types.isEmpty());

        DSLContext withoutTenant = DSL.using(replication.standbyAsApplication(), SQLDialect.POSTGRES);
        assertThat(value(withoutTenant, Long.class, "select count(*) from analytics_events")).isZero();
        assertThatThrownBy(() -> reads.read(db -> value(db, Integer.class, "select 1"))).isInstanceOf(IllegalStateException.class);
        TenantContext.set(mine);
        try {
            assertThat(reads.<Long>read(db -> value(db, Long.class, "select count(*) from analytics_events")))
                    .isEqualTo(1);
        } finally {
            TenantContext.clear();
        }
        assertThatThrownBy(() -> reads.readAs(mine, db -> db.execute("insert into analytics_events "
                + "(organization_id, event_type, visitor_id, channel, occurred_at) values ({0}, 'x', 'v', 'website', "
                + "now())", mine))).hasMessageContaining("read-only");
    }

    @Test
    void withoutAReplicaReadsRunOnThePrimaryAsTheTenant() {
        UUID mine = organization("replica-none");
        event(mine, "page_view");
        javax.sql.DataSource application = replication.primaryAsApplication();
        var transactions = new TenantAwareTransactionManager(application);
        DSLContext primary = DSL.using(new org.jooq.impl.DataSourceConnectionProvider(
                new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(application)),
                SQLDialect.POSTGRES);
        ReadReplica reads = ReadReplica.onPrimary(primary, transactions);

        assertThat(reads.onReplica()).isFalse();
        assertThat(reads.<Boolean>readAs(mine, db -> value(db, Boolean.class, "select pg_is_in_recovery()"))).isFalse();
        assertThat(eventTypes(reads, mine)).containsExactly("page_view");
    }

    @Test
    void theServerReadsFromTheReplicaNamedByItsConfigurationAsTheApplicationRole() {
        var configuration = new DatabaseConfiguration();
        var properties = new DatabaseProperties("jdbc:postgresql://localhost/unused", StreamingReplica.APP_ROLE, "",
                null, null, "./data", false, 2, 0, false, replication.standbyUrl(), null, null, 2);
        try (var pool = configuration.replicaPool(properties, new DatabaseConfiguration.EmbeddedDatabaseHolder(null))) {
            HikariDataSource replica = pool.dataSource();
            assertThat(replica.getUsername()).isEqualTo(StreamingReplica.APP_ROLE);
            ReadReplica reads = configuration.readReplica(pool, null, null);
            assertThat(reads.onReplica()).isTrue();
            assertThat(reads.<Boolean>readAs(UUID.randomUUID(), db -> value(db, Boolean.class,
                    "select pg_is_in_recovery()"))).isTrue();
        }
        var withoutReplica = new DatabaseProperties(null, null, null, null, null, "./data", false, 2, 0, false, "",
                null, null, 2);
        assertThat(configuration.replicaPool(withoutReplica, new DatabaseConfiguration.EmbeddedDatabaseHolder(null))
                .dataSource()).isNull();
    }
}
