package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.CrmApplication;
import com.educonsult.crm.support.ApiTest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Whole servers started and stopped: data kept across restarts, and an external PostgreSQL through DATABASE_URL. */
class ServerLifecycleTests {

    private static final Map<String, Object> QUIET = Map.of(
            "server.port", 0,
            "logging.level.root", "WARN",
            "crm.identity.jwt-secret", "dGVzdC1zaWduaW5nLWtleS10ZXN0LXNpZ25pbmcta2V5LXRlc3Qtc2lnbmluZy1rZXk=");

    @TempDir
    Path dataDirectory;

    @Test
    void whatWasCreatedBeforeARestartIsStillThereAfterIt() {
        Map<String, Object> properties = new HashMap<>(QUIET);
        properties.put("crm.data-dir", dataDirectory.toString());
        properties.put("crm.demo-data", true);

        try (ConfigurableApplicationContext first = start(properties)) {
            ApiTest.Api api = api(first);
            login(api, "admin@demo.educonsult.test", "Demo@12345", "demo").expect(200);
            api.post("/api/v1/auth/register", null, Map.of("organization_name", "Kept Across Restarts",
                    "organization_slug", "kept", "first_name", "Kim", "email", "kim@kept.test",
                    "password", "Kept-Password-1")).expect(201);
        }

        try (ConfigurableApplicationContext second = start(properties)) {
            ApiTest.Api api = api(second);
            login(api, "kim@kept.test", "Kept-Password-1", "kept").expect(200);
            login(api, "agent@demo.educonsult.test", "Demo@12345", "demo").expect(200);
        }
    }

    @Test
    void runsOnAnExternalPostgresqlGivenByDatabaseUrlWithSeparateMigrationAndApplicationRoles() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            try (Connection connection = external.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("create role owner_role login password 'owner-pw'");
                statement.execute("create role app_role login password 'app-pw' nosuperuser nobypassrls");
                statement.execute("create database external_crm owner owner_role");
            }
            Map<String, Object> properties = new HashMap<>(QUIET);
            properties.put("crm.data-dir", dataDirectory.toString());
            properties.put("crm.demo-data", false);
            properties.put("crm.database.url", "postgres://localhost:" + external.getPort() + "/external_crm");
            properties.put("crm.database.username", "app_role");
            properties.put("crm.database.password", "app-pw");
            properties.put("crm.database.migration-username", "owner_role");
            properties.put("crm.database.migration-password", "owner-pw");

            try (ConfigurableApplicationContext server = start(properties)) {
                ApiTest.Api api = api(server);
                api.post("/api/v1/auth/register", null, Map.of("organization_name", "External",
                        "organization_slug", "external", "first_name", "Eve", "email", "eve@external.test",
                        "password", "External-Password-1")).expect(201);
                login(api, "eve@external.test", "External-Password-1", "external").expect(200);
            }

            try (Connection connection = external.getDatabase("postgres", "external_crm").getConnection();
                    Statement statement = connection.createStatement();
                    var owner = statement.executeQuery("select tableowner from pg_tables where tablename = 'users'")) {
                owner.next();
                assertThat(owner.getString(1)).isEqualTo("owner_role");
            }
        }
    }

    @Test
    void refusesToStartWhenTheApplicationRoleCanBypassRowLevelSecurity() throws Exception {
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            Map<String, Object> properties = new HashMap<>(QUIET);
            properties.put("crm.data-dir", dataDirectory.toString());
            properties.put("crm.demo-data", false);
            properties.put("crm.database.url", external.getJdbcUrl("postgres", "postgres"));
            properties.put("crm.database.username", "postgres");

            var failure = org.assertj.core.api.Assertions.catchThrowable(() -> start(properties).close());

            assertThat(failure).rootCause().hasMessageContaining("row-level security");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments: they outrank application.yml, as the environment variables they stand for do
        String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(CrmApplication.class).run(arguments);
    }

    private static ApiTest.Api api(ConfigurableApplicationContext context) {
        return new ApiTest.Api("http://localhost:" + context.getEnvironment().getProperty("local.server.port"));
    }

    private static ApiTest.Response login(ApiTest.Api api, String email, String password, String slug) {
        return api.post("/api/v1/auth/login", null,
                Map.of("email", email, "password", password, "organization_slug", slug));
    }
}
