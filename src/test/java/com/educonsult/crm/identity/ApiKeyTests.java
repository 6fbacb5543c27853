package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.AUDIT_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.net.http.HttpRequest;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ApiKeyTests extends ApiTest {

    private static final String KEYS = "/api/v1/admin/integrations/api-keys";

    @Test
    void aCreatedKeyIsShownOnceAndListedWithoutItsSecret() {
        Org org = registerOrganization();

        var created = api.post(KEYS, org.adminToken(), Map.of("name", "Website", "scopes", List.of("leads:read")))
                .expect(201);

        String key = created.data().get("key").asString();
        assertThat(key).startsWith("ek.");
        var listed = api.get(KEYS, org.adminToken()).expect(200);
        assertThat(listed.data()).hasSize(1);
        assertThat(listed.data().get(0).get("name").asString()).isEqualTo("Website");
        assertThat(listed.raw()).doesNotContain(key);
        int audited = tenancy.callAs(org.id(), () -> db.fetchCount(AUDIT_LOGS,
                AUDIT_LOGS.ORGANIZATION_ID.eq(org.id()), AUDIT_LOGS.ACTION.eq("api_key.created")));
        assertThat(audited).isEqualTo(1);
    }

    @Test
    void aKeyActsWithExactlyItsScopes() {
        Org org = registerOrganization();
        String auditor = createKey(api, org.adminToken(), List.of("admin:audit"));
        String reader = createKey(api, org.adminToken(), List.of("organization:read"));

        withKey(api, "GET", "/api/v1/admin/audit-logs", auditor).expect(200);
        withKey(api, "GET", "/api/v1/admin/audit-logs", reader).expect(403);
        withKey(api, "GET", "/api/v1/users/profile", auditor).expect(403);
    }

    @Test
    void aRevokedKeyIsUnauthorized() {
        Org org = registerOrganization();
        var created = api.post(KEYS, org.adminToken(), Map.of("name", "Old", "scopes", List.of("admin:audit")))
                .expect(201).data();
        String key = created.get("key").asString();
        withKey(api, "GET", "/api/v1/admin/audit-logs", key).expect(200);

        api.delete(KEYS + "/" + created.get("id").asString(), org.adminToken()).expect(200);

        withKey(api, "GET", "/api/v1/admin/audit-logs", key).expect(401);
        api.delete(KEYS + "/" + created.get("id").asString(), org.adminToken()).expect(404);
    }

    @Test
    void anExpiredKeyIsUnauthorized() {
        Org org = registerOrganization();
        var created = api.post(KEYS, org.adminToken(), Map.of("name", "Short", "scopes", List.of("admin:audit"),
                "expires_at", OffsetDateTime.now().plusHours(1).toString())).expect(201).data();
        tenancy.runAs(org.id(), () -> db.execute("update api_keys set expires_at = now() - interval '1 second' "
                + "where organization_id = ? and id = ?", org.id(), UUID.fromString(created.get("id").asString())));

        withKey(api, "GET", "/api/v1/admin/audit-logs", created.get("key").asString()).expect(401);
    }

    @Test
    void anUnknownScopeIsRefusedNamingScopes() {
        Org org = registerOrganization();

        var response = api.post(KEYS, org.adminToken(), Map.of("name", "X", "scopes", List.of("leads:fly")))
                .expect(422);

        assertThat(response.errorField()).isEqualTo("scopes");
        assertThat(response.body().get("message").asString()).contains("leads:fly");
    }

    @Test
    void scopesBeyondTheCreatorsPermissionsAreRefused() {
        Org org = registerOrganization();
        String keyManager = createKey(api, org.adminToken(), List.of("admin:api-keys"));

        var response = withKey(api, "POST", KEYS, keyManager,
                Map.of("name", "Wider", "scopes", List.of("leads:read"))).expect(422);

        assertThat(response.errorField()).isEqualTo("scopes");
    }

    @Test
    void invalidBodiesAreRefusedNamingTheField() {
        Org org = registerOrganization();

        assertThat(api.post(KEYS, org.adminToken(), Map.of("name", "", "scopes", List.of("leads:read")))
                .expect(422).errorField()).isEqualTo("name");
        assertThat(api.post(KEYS, org.adminToken(), Map.of("name", "N", "scopes", List.of()))
                .expect(422).errorField()).isEqualTo("scopes");
        assertThat(api.post(KEYS, org.adminToken(), Map.of("name", "N", "scopes", List.of("leads:read"),
                "expires_at", OffsetDateTime.now().minusDays(1).toString())).expect(422).errorField())
                .isEqualTo("expires_at");
        assertThat(api.post(KEYS, org.adminToken(), Map.of("name", "N", "scopes", "leads:read"))
                .expect(400).errorField()).isEqualTo("scopes");
        assertThat(api.post(KEYS, org.adminToken(), Map.of("name", "N", "scopes", List.of("leads:read"),
                "expires_at", "tomorrow")).expect(400).errorField()).isEqualTo("expires_at");
        api.raw("POST", KEYS, org.adminToken(), "application/json", "{\"name\": ").expect(400);
    }

    @Test
    void withoutTheApiKeysPermissionEverythingIsForbidden() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");

        api.get(KEYS, manager.token()).expect(403);
        api.post(KEYS, manager.token(), Map.of("name", "N", "scopes", List.of("leads:read"))).expect(403);
        api.delete(KEYS + "/" + UUID.randomUUID(), manager.token()).expect(403);
    }

    @Test
    void anotherOrganizationsKeyIsNotFoundAndNotListed() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        var created = api.post(KEYS, other.adminToken(), Map.of("name", "Theirs", "scopes", List.of("admin:audit")))
                .expect(201).data();

        api.delete(KEYS + "/" + created.get("id").asString(), org.adminToken()).expect(404);

        assertThat(api.get(KEYS, org.adminToken()).expect(200).data()).isEmpty();
        withKey(api, "GET", "/api/v1/admin/audit-logs", created.get("key").asString()).expect(200);
        api.delete(KEYS + "/not-a-uuid", org.adminToken()).expect(400);
    }

    static String createKey(Api api, String token, List<String> scopes) {
        return api.post(KEYS, token, Map.of("name", "Key " + scopes, "scopes", scopes)).expect(201)
                .data().get("key").asString();
    }

    static Response withKey(Api api, String method, String path, String key) {
        return api.send(api.builder(path, null).header("X-API-Key", key)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    static Response withKey(Api api, String method, String path, String key, Map<String, ?> body) {
        return api.send(api.builder(path, null).header("X-API-Key", key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(new HashMap<>(body)))));
    }
}
