package com.educonsult.crm.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.lang.reflect.Proxy;
import java.net.http.HttpRequest;
import java.sql.Connection;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RateLimitTests extends ApiTest {

    /** A plan of the test configuration: five requests a minute per user and per API key. */
    private static final String LOW_LIMIT_PLAN = "rate-limit-test";

    @Autowired
    DataSource dataSource;

    @Test
    void everyAnswerCarriesTheRateLimitHeaders() {
        Org org = registerOrganization();

        Response first = api.get("/api/v1/leads", org.adminToken()).expect(200);
        Response second = api.get("/api/v1/leads", org.adminToken()).expect(200);

        assertThat(header(first, "RateLimit-Limit")).isEqualTo("600");
        assertThat(header(first, "RateLimit-Remaining")).isEqualTo("599");
        assertThat(header(second, "RateLimit-Remaining")).isEqualTo("598");
        assertThat(Long.parseLong(header(second, "RateLimit-Reset"))).isBetween(1L, 60L);
    }

    @Test
    void aUserOverTheLimitOfTheOrganizationsPlanGets429WithRetryAfter() {
        Org org = organizationOnTheLowLimitPlan();
        for (int i = 0; i < 5; i++) {
            api.get("/api/v1/leads", org.adminToken()).expect(200);
        }

        Response refused = api.get("/api/v1/leads", org.adminToken()).expect(429);

        assertThat(header(refused, "RateLimit-Limit")).isEqualTo("5");
        assertThat(header(refused, "RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(header(refused, "Retry-After"))).isBetween(1L, 60L);
        assertThat(refused.body().get("success").asBoolean()).isFalse();
        assertThat(refused.body().get("status").asInt()).isEqualTo(429);
    }

    @Test
    void eachUserHasALimitOfTheirOwn() {
        Org org = organizationOnTheLowLimitPlan();
        TestUser counselor = userWithRole(org, "counselor");
        for (int i = 0; i < 5; i++) {
            api.get("/api/v1/leads", org.adminToken()).expect(200);
        }
        api.get("/api/v1/leads", org.adminToken()).expect(429);

        Response other = api.get("/api/v1/leads", counselor.token()).expect(200);

        assertThat(header(other, "RateLimit-Remaining")).isEqualTo("4");
    }

    @Test
    void loginIsLimitedPerClientAddress() {
        String address = randomAddress();
        String body = "{\"email\": \"nobody@example.test\", \"password\": \"wrong\", \"organization_slug\": \"none\"}";
        int allowed = 0;
        Response answer = loginFrom(address, body);
        // twenty a minute, refilled one every three seconds while the failed logins are checked
        while (answer.status() != 429 && allowed < 40) {
            assertThat(header(answer, "RateLimit-Limit")).isEqualTo("20");
            allowed++;
            answer = loginFrom(address, body);
        }

        assertThat(answer.status()).isEqualTo(429);
        assertThat(allowed).isBetween(20, 30);
        assertThat(Long.parseLong(header(answer, "Retry-After"))).isBetween(1L, 3L);
        assertThat(loginFrom(randomAddress(), body).status()).isNotEqualTo(429);
    }

    @Test
    void theAppsRoutesAnswer429InTheAppsEnvelope() {
        String address = randomAddress();
        String body = "{\"phone\": \"+919800000000\", \"password\": \"wrong\"}";
        Response last = null;
        for (int i = 0; i < 21; i++) {
            last = api.send(api.builder("/api/v1/oauth/token", null).header("Content-Type", "application/json")
                    .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        last.expect(429);
        assertThat(last.body().get("status").isBoolean()).isTrue();
        assertThat(last.body().get("status").asBoolean()).isFalse();
    }

    @Test
    void mostRequestsCostNoDatabaseRoundTrip() {
        AtomicInteger statements = new AtomicInteger();
        RateLimiter limiter = new RateLimiter(countingStatements(dataSource, statements));
        String key = "user:" + UUID.randomUUID();

        for (int i = 0; i < 500; i++) {
            assertThat(limiter.consume(key, 600).allowed()).isTrue();
        }

        // a lease of 30 tokens costs a locked read, a write and a commit; the first also creates the bucket
        assertThat(statements.get()).as("statements for 500 requests").isLessThanOrEqualTo(60);
    }

    @Test
    void theDocumentNamesTheHeadersAndThe429Answer() {
        var operation = api.get("/v3/api-docs", null).expect(200).body()
                .get("paths").get("/api/v1/leads").get("get").get("responses");

        assertThat(operation.get("200").get("headers").has("RateLimit-Remaining")).isTrue();
        assertThat(operation.get("429").get("headers").has("Retry-After")).isTrue();
    }

    private Org organizationOnTheLowLimitPlan() {
        Org org = registerOrganization();
        db.execute("update organizations set subscription_plan = ? where id = ?", LOW_LIMIT_PLAN, org.id());
        return org;
    }

    private Response loginFrom(String address, String body) {
        return api.send(api.builder("/api/v1/auth/login", null).header("Content-Type", "application/json")
                .header("X-Forwarded-For", address).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(100, 256) + "." + random.nextInt(1, 255);
    }

    private static String header(Response response, String name) {
        return response.http().headers().firstValue(name).orElse(null);
    }

    /** The data source, counting every statement prepared on its connections. */
    private static DataSource countingStatements(DataSource target, AtomicInteger statements) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (result instanceof Connection connection) {
                        return countingConnection(connection, statements);
                    }
                    return result;
                });
    }

    private static Connection countingConnection(Connection target, AtomicInteger statements) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().startsWith("prepare") || method.getName().equals("commit")) {
                        statements.incrementAndGet();
                    }
                    return method.invoke(target, args);
                });
    }
}
