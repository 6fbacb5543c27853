package com.educonsult.crm.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.identity.WorkScope;
import com.educonsult.crm.platform.ReadReplica;
import com.educonsult.crm.platform.audit.AuditTrail;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.StreamingReplica;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * With a read replica, a report's rows come from it: the reports below read through a hot standby of another cluster
 * (a primary and its standby started for the test), which alone holds the organization's leads, while the report's
 * run and its history are written to the server's own database.
 */
class ReportReadReplicaTests extends ApiTest {

    private static StreamingReplica replication;
    private static DSLContext replicationOwner;

    @Autowired ReportQueries queries;
    @Autowired ReportEntities entities;
    @Autowired UserDirectory users;
    @Autowired WorkScope work;
    @Autowired ObjectStore store;
    @Autowired SchedulerClient scheduler;
    @Autowired OneTimeTask<String> reportExportTask;
    @Autowired AuditTrail audit;
    @Autowired JsonMapper json;
    @Autowired ReportProperties properties;
    @Autowired Clock clock;
    @Autowired PlatformTransactionManager transactions;

    @BeforeAll
    static void startReplication() throws Exception {
        replication = StreamingReplica.start();
        replicationOwner = DSL.using(replication.primaryAsOwner(), SQLDialect.POSTGRES);
    }

    @AfterAll
    static void stopReplication() throws Exception {
        replication.close();
    }

    private Reports reportsReadingFrom(ReadReplica reads) {
        ReportRunner runner = new ReportRunner(db, reads, queries, users, store, tenancy, transactions, json,
                properties, clock);
        return new Reports(db, reads, queries, entities, runner, users, work, store, scheduler, reportExportTask,
                tenancy, audit, json, properties, clock);
    }

    /** The organization on the replicated cluster, with leads only that cluster has. */
    private static void leadsOnlyTheReplicaHas(UUID organizationId, String... names) {
        replicationOwner.execute("insert into organizations (id, name, slug) values ({0}, {1}, {1})", organizationId,
                "replicated-" + organizationId);
        UUID status = replicationOwner.fetchSingle("insert into lead_statuses (organization_id, name, code) values "
                + "({0}, 'New', 'new') returning id", organizationId).get(0, UUID.class);
        for (String name : names) {
            replicationOwner.execute("insert into leads (organization_id, status_id, first_name) values ({0}, {1}, {2})",
                    organizationId, status, name);
        }
    }

    private static ReportDefinition leadNames() {
        return new ReportDefinition("leads", List.of("first_name", "status"), List.of(), List.of(), null, null, null,
                List.of(), List.of(new ReportDefinition.Sort("first_name", "asc")), null);
    }

    private static <T> T eventually(Supplier<T> read, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        T value = read.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            value = read.get();
        }
        return value;
    }

    @Test
    void aReportBuildAndItsExportReadTheReplicaWhileTheirRunIsWrittenToThePrimary() throws Exception {
        Org org = registerOrganization();
        leadsOnlyTheReplicaHas(org.id(), "Asha", "Bilal");
        CurrentUser admin = tenancy.callAs(org.id(), () -> users.actingAs(org.id(), org.adminId()).orElseThrow());
        Reports reports = reportsReadingFrom(ReadReplica.onReplica(replication.standbyAsApplication()));
        assertThat(tenancy.callAs(org.id(), () -> db.fetchCount(DSL.table("leads"),
                DSL.field("organization_id").eq(org.id())))).isZero();

        ReportViews.Preview preview = eventually(() -> tenancy.callAs(org.id(), () -> reports.build(admin,
                new Reports.BuildRequest(null, leadNames(), null, null, null))), p -> p.rowCount() == 2);
        assertThat(preview.rows()).containsExactly(List.of("Asha", "New"), List.of("Bilal", "New"));

        Reports.Prepared prepared = tenancy.callAs(org.id(), () -> reports.prepareDownload(admin,
                new Reports.ExportRequest(null, leadNames(), null, null, "csv", "Replicated", "download")));
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        reports.writeDownload(admin, prepared, file);
        assertThat(file.toString(StandardCharsets.UTF_8)).contains("Asha").contains("Bilal");
        assertThat(tenancy.callAs(org.id(), () -> db.fetchValue("select rows_written from report_runs where "
                + "organization_id = ? and id = ?", org.id(), prepared.runId()))).isEqualTo(2L);
    }
}
