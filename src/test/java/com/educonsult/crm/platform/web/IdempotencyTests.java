package com.educonsult.crm.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IdempotencyTests extends ApiTest {

    private static final String LEADS = "/api/v1/leads";

    @Autowired
    IdempotencyKeys keys;

    @Test
    void retryingWithTheSameKeyAndBodyAnswersTheFirstAnswerAndCreatesOneLead() {
        Org org = registerOrganization();
        String body = "{\"first_name\": \"Meera\"}";

        Response first = postWithKey(org.adminToken(), "key-1", body).expect(201);
        Response retry = postWithKey(org.adminToken(), "key-1", body).expect(201);

        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.http().headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).contains("true");
        assertThat(first.http().headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
        assertThat(leadCount(org)).isOne();
    }

    @Test
    void reusingAKeyWithAnotherBodyAnswers422NamingTheHeader() {
        Org org = registerOrganization();
        postWithKey(org.adminToken(), "key-2", "{\"first_name\": \"Meera\"}").expect(201);

        Response reused = postWithKey(org.adminToken(), "key-2", "{\"first_name\": \"Arjun\"}").expect(422);

        assertThat(reused.errorField()).isEqualTo("Idempotency-Key");
        assertThat(leadCount(org)).isOne();
    }

    @Test
    void differentUsersUsingTheSameKeyAreIndependent() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        String body = "{\"first_name\": \"Meera\"}";

        postWithKey(org.adminToken(), "shared-key", body).expect(201);
        Response other = postWithKey(counselor.token(), "shared-key", body).expect(201);

        assertThat(other.http().headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
        assertThat(leadCount(org)).isEqualTo(2);
    }

    @Test
    void theKeptAnswerComesFromTheDatabaseSoItOutlivesARestart() {
        Org org = registerOrganization();
        String body = "{\"first_name\": \"Meera\"}";
        postWithKey(org.adminToken(), "key-3", body).expect(201);
        tenancy.runAs(org.id(), () -> db.execute("update idempotency_keys set body = convert_to(replace("
                + "convert_from(body, 'UTF8'), '\"Meera\"', '\"Kept in the database\"'), 'UTF8') where key = 'key-3'"));

        Response retry = postWithKey(org.adminToken(), "key-3", body).expect(201);

        assertThat(retry.data().get("first_name").asString()).isEqualTo("Kept in the database");
        assertThat(leadCount(org)).isOne();
    }

    @Test
    void theExpiryJobRemovesExpiredKeysAndTheKeyMayThenBeUsedAgain() {
        Org org = registerOrganization();
        String body = "{\"first_name\": \"Meera\"}";
        postWithKey(org.adminToken(), "key-4", body).expect(201);
        tenancy.runAs(org.id(), () -> db.execute(
                "update idempotency_keys set expires_at = now() - interval '1 minute' where key = 'key-4'"));

        assertThat(keys.deleteExpired(Instant.now())).isPositive();

        assertThat(keyCount(org)).isZero();
        postWithKey(org.adminToken(), "key-4", body).expect(201);
        assertThat(leadCount(org)).isEqualTo(2);
    }

    @Test
    void concurrentRequestsWithTheSameKeyCreateOneLead() throws Exception {
        Org org = registerOrganization();
        String body = "{\"first_name\": \"Meera\"}";
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            requests.add(() -> postWithKey(org.adminToken(), "key-5", body).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Integer> status : pool.invokeAll(requests)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).contains(201).allMatch(status -> status == 201 || status == 409);
        assertThat(leadCount(org)).isOne();
    }

    @Test
    void retryingAnUploadWithTheSameKeyStartsOneImport() {
        Org org = registerOrganization();
        String csv = "Full Name,Mobile\nAsha Rao,9876500010\n";

        Response first = uploadWithKey(org.adminToken(), "import-key", csv).expect(202);
        Response retry = uploadWithKey(org.adminToken(), "import-key", csv).expect(202);
        Response otherFile = uploadWithKey(org.adminToken(), "import-key", csv + "Vikram,9876500011\n");

        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.http().headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).contains("true");
        assertThat(otherFile.status()).isEqualTo(422);
        assertThat(api.get("/api/v1/imports", org.adminToken()).expect(200).data().size()).isOne();
    }

    @Test
    void aKeyLongerThan255CharactersIsRefusedNamingTheHeader() {
        Org org = registerOrganization();

        Response refused = postWithKey(org.adminToken(), "k".repeat(256), "{\"first_name\": \"Meera\"}").expect(400);

        assertThat(refused.errorField()).isEqualTo("Idempotency-Key");
        assertThat(leadCount(org)).isZero();
    }

    @Test
    void aValidationErrorIsKeptAndAnsweredAgain() {
        Org org = registerOrganization();
        String invalid = "{\"last_name\": \"Only\"}";

        Response first = postWithKey(org.adminToken(), "key-6", invalid).expect(422);
        Response retry = postWithKey(org.adminToken(), "key-6", invalid).expect(422);

        assertThat(retry.raw()).isEqualTo(first.raw());
        assertThat(retry.http().headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).contains("true");
    }

    @Test
    void requestsWithoutCredentialsIgnoreTheKey() {
        Org org = registerOrganization();
        String login = "{\"email\": \"" + org.adminEmail() + "\", \"password\": \"" + PASSWORD
                + "\", \"organization_slug\": \"" + org.slug() + "\"}";

        Response first = postWithKey(null, "login-key", login, "/api/v1/auth/login").expect(200);
        Response second = postWithKey(null, "login-key", login, "/api/v1/auth/login").expect(200);

        assertThat(second.http().headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
        assertThat(second.data().get("access_token").asString())
                .isNotEqualTo(first.data().get("access_token").asString());
    }

    @Test
    void theDocumentOffersTheHeaderOnCanonicalPostsOnly() {
        var document = api.get("/v3/api-docs", null).expect(200).body();
        var createLead = document.get("paths").get(LEADS).get("post");
        var login = document.get("paths").get("/api/v1/auth/login").get("post");

        assertThat(createLead.get("parameters").toString()).contains("Idempotency-Key");
        assertThat(createLead.get("responses").has("409")).isTrue();
        assertThat(login.has("parameters") && login.get("parameters").toString().contains("Idempotency-Key"))
                .isFalse();
    }

    private Response postWithKey(String token, String key, String body) {
        return postWithKey(token, key, body, LEADS);
    }

    private Response postWithKey(String token, String key, String body, String path) {
        return api.send(api.builder(path, token).header("Content-Type", "application/json")
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A CSV upload; each call has its own multipart boundary, as a client's retry would. */
    private Response uploadWithKey(String token, String key, String csv) {
        String boundary = "----upload" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"leads.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        return api.send(api.builder("/api/v1/leads/import", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private long leadCount(Org org) {
        return api.get(LEADS, org.adminToken()).expect(200).body().get("meta").get("total").asLong();
    }

    private int keyCount(Org org) {
        return tenancy.callAs(org.id(), () -> db.fetchCount(db.selectFrom("idempotency_keys")));
    }
}
