package com.educonsult.crm.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import com.educonsult.crm.platform.Tenancy;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the HTTP integration tests: one server on a random port and one embedded PostgreSQL shared by all
 * of them (every test class has the same configuration, so Spring reuses the context). Each test makes its
 * own organizations, so tests never see each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class ApiTest {

    protected static final String PASSWORD = "Correct-Horse-42";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected DSLContext db;

    @Autowired
    protected Tenancy tenancy;

    protected Api api;

    /** Points the integrations at the local fake providers; the same for every test, so the context is shared. */
    @DynamicPropertySource
    static void fakeProviders(DynamicPropertyRegistry properties) {
        properties.add("crm.integrations.facebook.graph-url", () -> FakeProviders.baseUrl() + "/graph");
        properties.add("crm.integrations.captcha.turnstile-url", () -> FakeProviders.baseUrl() + "/turnstile/siteverify");
        properties.add("crm.integrations.captcha.hcaptcha-url", () -> FakeProviders.baseUrl() + "/hcaptcha/siteverify");
        properties.add("crm.notifications.fcm.url", () -> FakeProviders.baseUrl() + "/fcm");
        properties.add("crm.messaging.whatsapp.graph-url", () -> FakeProviders.baseUrl() + "/whatsapp");
        properties.add("crm.messaging.whatsapp.read-timeout", () -> "5s");
        properties.add("crm.messaging.sms.msg91-url", () -> FakeProviders.baseUrl() + "/msg91");
        properties.add("crm.messaging.sms.read-timeout", () -> "5s");
    }

    @BeforeEach
    void createClient() {
        api = new Api("http://localhost:" + port);
    }

    /** A response: status, headers and the JSON body (null when empty or not JSON). */
    public record Response(int status, JsonNode body, String raw, HttpResponse<String> http) {
        public JsonNode data() {
            return body.get("data");
        }

        public Response expect(int expected) {
            assertThat(status).as("HTTP status of a response with body %s", raw).isEqualTo(expected);
            return this;
        }

        public String errorField() {
            JsonNode errors = body.get("errors");
            return errors != null && errors.size() > 0 ? errors.get(0).get("field").asString() : null;
        }
    }

    /** A small client for the API: requests carry the bearer token given, if any. */
    public static final class Api {
        private final String baseUrl;

        public Api(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        public String baseUrl() {
            return baseUrl;
        }

        public Response get(String path, String token) {
            return send(builder(path, token).GET());
        }

        public Response delete(String path, String token) {
            return send(builder(path, token).DELETE());
        }

        public Response post(String path, String token, Object body) {
            return raw("POST", path, token, "application/json", toJson(body));
        }

        public Response put(String path, String token, Object body) {
            return raw("PUT", path, token, "application/json", toJson(body));
        }

        public Response patch(String path, String token, Object body) {
            return raw("PATCH", path, token, "application/json", toJson(body));
        }

        /** Sends a raw body (malformed JSON, oversized payloads) with the given content type. */
        public Response raw(String method, String path, String token, String contentType, String body) {
            return send(builder(path, token).header("Content-Type", contentType)
                    .method(method, HttpRequest.BodyPublishers.ofString(body)), body);
        }

        /** Sends a request built by the test; its body, if any, is not checked against the document. */
        public Response send(HttpRequest.Builder request) {
            return send(request, null);
        }

        /**
         * Sends a request and checks the exchange against the OpenAPI document (see {@link Contract}): every
         * test that talks to the server through this client checks the contract as it goes.
         */
        public Response send(HttpRequest.Builder builder, String requestBody) {
            try {
                HttpRequest request = builder.build();
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                Contract.of(baseUrl).check(request, requestBody, response);
                JsonNode body = null;
                String raw = response.body();
                if (raw != null && !raw.isBlank() && raw.trim().startsWith("{")) {
                    body = JSON.readTree(raw);
                }
                return new Response(response.statusCode(), body, raw, response);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        public HttpRequest.Builder builder(String path, String token) {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
            if (token != null) {
                builder.header("Authorization", "Bearer " + token);
            }
            return builder;
        }

        private static String toJson(Object body) {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        }
    }

    /** An organization made for one test, with its admin logged in. */
    public record Org(UUID id, String slug, String adminEmail, UUID adminId, String adminToken, String adminRefreshToken) {
    }

    protected static String unique(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    protected Org registerOrganization() {
        String slug = unique("org");
        String email = "admin@" + slug + ".test";
        Response response = api.post("/api/v1/auth/register", null, Map.of(
                "organization_name", "Consultancy " + slug,
                "organization_slug", slug,
                "first_name", "Ada",
                "last_name", "Admin",
                "email", email,
                "password", PASSWORD)).expect(201);
        JsonNode data = response.data();
        return new Org(UUID.fromString(data.get("organization").get("id").asString()), slug, email,
                UUID.fromString(data.get("user").get("id").asString()),
                data.get("access_token").asString(), data.get("refresh_token").asString());
    }

    /** A logged-in user of an organization, made for one test. */
    public record TestUser(UUID id, String email, String token, String refreshToken) {
    }

    private static final String TEST_PASSWORD_HASH = new BCryptPasswordEncoder(4).encode(PASSWORD);

    /**
     * A user with one system role (admin, manager, counselor, agent), optionally in a branch, inserted
     * directly so that tests of any endpoint can act as any role; then logged in through the API.
     */
    protected TestUser userWithRole(Org org, String role, UUID branchId) {
        String email = unique(role) + "@" + org.slug() + ".test";
        UUID userId = UUID.randomUUID();
        tenancy.runAs(org.id(), () -> {
            db.execute("insert into users (organization_id, id, email, first_name, last_name, password_hash, branch_id) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", org.id(), userId, email, "Test", role, TEST_PASSWORD_HASH, branchId);
            db.execute("insert into user_roles (organization_id, user_id, role_id) "
                    + "select organization_id, ?, id from roles where organization_id = ? and code = ?",
                    userId, org.id(), role);
        });
        JsonNode data = login(org.slug(), email, PASSWORD).expect(200).data();
        return new TestUser(userId, email, data.get("access_token").asString(), data.get("refresh_token").asString());
    }

    protected TestUser userWithRole(Org org, String role) {
        return userWithRole(org, role, null);
    }

    protected Response login(String slug, String email, String password) {
        return api.post("/api/v1/auth/login", null,
                Map.of("email", email, "password", password, "organization_slug", slug));
    }
}
