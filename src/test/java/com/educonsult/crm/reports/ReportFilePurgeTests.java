package com.educonsult.crm.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.storage.ObjectStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ReportFilePurgeTests extends ReportFixtures {

    @Autowired
    ReportFilePurge purge;
    @Autowired
    ObjectStore store;

    private JsonNode exportJob(Org org) {
        JsonNode run = api.post("/api/v1/reports/export", org.adminToken(), Map.of("template_id", "calls",
                "format", "csv", "delivery", "job")).expect(202).data();
        JsonNode done = awaitRun(org.adminToken(), run.get("id").asString());
        assertThat(done.get("status").asString()).isEqualTo("completed");
        return done;
    }

    private String fileKey(Org org, String runId) {
        return tenancy.callAs(org.id(), () -> db.fetchValue("select file_key from report_runs where organization_id "
                + "= ? and id = ?::uuid", org.id(), runId)).toString();
    }

    private void expire(Org org, String runId) {
        tenancy.runAs(org.id(), () -> db.execute("update report_runs set expires_at = now() - interval '1 minute' "
                + "where organization_id = ? and id = ?::uuid", org.id(), runId));
    }

    @Test
    void anExpiredFileLeavesStorageAndItsRunStaysInTheHistoryWithoutIt() {
        Consultancy c = consultancy(10);
        Consultancy other = consultancy(5);
        String expired = exportJob(c.org()).get("id").asString();
        String fresh = exportJob(c.org()).get("id").asString();
        String othersFresh = exportJob(other.org()).get("id").asString();
        String key = fileKey(c.org(), expired);
        expire(c.org(), expired);

        assertThat(purge.purgeExpired(Instant.now())).isGreaterThanOrEqualTo(1);

        assertThat(store.stat(key)).isEmpty();
        assertThat(store.stat(fileKey(c.org(), fresh))).isPresent();
        assertThat(store.stat(fileKey(other.org(), othersFresh))).isPresent();
        JsonNode run = api.get("/api/v1/reports/history/" + expired, c.org().adminToken()).expect(200).data();
        assertThat(run.get("status").asString()).isEqualTo("completed");
        assertThat(run.hasNonNull("download_url")).isFalse();
        assertThat(run.hasNonNull("file_name")).isFalse();
        api.get("/api/v1/analytics/export/download/" + expired, c.org().adminToken()).expect(410);
        api.get("/api/v1/reports/history/" + fresh, c.org().adminToken()).expect(200);
        assertThat(api.get("/api/v1/reports/history/" + fresh, c.org().adminToken()).data().get("download_url")
                .asString()).startsWith("http");
    }

    @Test
    void twoNodesPurgingAtOnceDeleteEachFileOnce() throws Exception {
        Consultancy c = consultancy(5);
        List<String> runs = List.of(exportJob(c.org()).get("id").asString(), exportJob(c.org()).get("id").asString(),
                exportJob(c.org()).get("id").asString());
        runs.forEach(id -> expire(c.org(), id));
        List<String> keys = runs.stream().map(id -> fileKey(c.org(), id)).toList();

        Instant now = Instant.now();
        long expiredEverywhere = db.fetchSingle("select count(*) from report_files_expired(?::timestamptz, 100000)",
                now.atOffset(java.time.ZoneOffset.UTC)).get(0, Long.class);
        assertThat(expiredEverywhere).isGreaterThanOrEqualTo(3);
        try (var nodes = Executors.newFixedThreadPool(2)) {
            var first = CompletableFuture.supplyAsync(() -> purge.purgeExpired(now), nodes);
            var second = CompletableFuture.supplyAsync(() -> purge.purgeExpired(now), nodes);
            assertThat(first.get() + second.get()).isEqualTo(expiredEverywhere);
        }
        assertThat(keys).allSatisfy(key -> assertThat(store.stat(key)).isEmpty());
        assertThat(sql(c.org(), "select count(*) from report_runs where organization_id = ? and file_key is not null",
                c.org().id())).isZero();
        assertThat(purge.purgeExpired(Instant.now())).isZero();
    }
}
