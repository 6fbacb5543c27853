import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.*;

import java.nio.file.*;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Build-time jOOQ code generation: starts an embedded PostgreSQL, applies the Flyway
 * migrations and lets jOOQ read the resulting schema. Skipped when the migrations are unchanged.
 * Arguments: migrations directory, output directory, target package.
 */
public class JooqCodegen {
    public static void main(String[] args) throws Exception {
        quietLogging();
        Path migrations = Path.of(args[0]);
        Path output = Path.of(args[1]);
        String targetPackage = args[2];
        Path hashFile = output.resolve(".migrations-hash");
        String hash = hashOf(migrations) + ":" + targetPackage;
        if (Files.exists(hashFile) && Files.readString(hashFile).equals(hash)) {
            System.out.println("jOOQ sources up to date");
            return;
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setRegisterShutdownHook(false).start()) {
            String url = pg.getJdbcUrl("postgres", "postgres");
            Flyway.configure()
                    .dataSource(url, "postgres", "postgres")
                    .locations("filesystem:" + migrations.toAbsolutePath())
                    .placeholders(java.util.Map.of("app_role", "postgres"))
                    .load().migrate();
            GenerationTool.generate(new Configuration()
                    .withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(url)
                            .withUser("postgres").withPassword("postgres"))
                    .withGenerator(new Generator()
                            .withDatabase(new Database()
                                    .withName("org.jooq.meta.postgres.PostgresDatabase")
                                    .withInputSchema("public")
                                    .withIncludeRoutines(false)
                                    .withExcludes("flyway_schema_history"))
                            .withGenerate(new Generate()
                                    .withRecords(true).withPojos(false).withDaos(false)
                                    .withJavaTimeTypes(true).withFluentSetters(true))
                            .withTarget(new Target().withPackageName(targetPackage)
                                    .withDirectory(output.toAbsolutePath().toString()))));
        }
        Files.writeString(hashFile, hash);
    }

    private static void quietLogging() {
        var root = org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    private static String hashOf(Path dir) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                digest.update(file.getFileName().toString().getBytes());
                digest.update(Files.readAllBytes(file));
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
