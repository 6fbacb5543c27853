package com.educonsult.crm.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The document as a client generator sees it: OpenAPI Generator's validator finds no error in it, and a Java client
 * generated from it compiles and does a real round trip against the running server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratedClientTests extends ApiTest {

    private static final Path WORK = Path.of("target", "generated-client");
    private Path document;

    @BeforeAll
    void fetchTheDocument() throws IOException {
        Files.createDirectories(WORK);
        document = WORK.resolve("openapi.json");
        Files.writeString(document, new Api("http://localhost:" + port).get("/v3/api-docs", null).expect(200).raw());
    }

    @Test
    void theDocumentPassesTheOpenApiValidatorWithoutErrors() throws Exception {
        Result result = generator("validate", "-i", document.toString());

        assertThat(result.output()).as(result.output()).contains("No validation issues detected");
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aJavaClientGeneratedFromTheDocumentLogsInCreatesALeadAndReadsItBack() throws Exception {
        Org org = registerOrganization();
        Path sources = WORK.resolve("java");
        Result generated = generator("generate", "-i", document.toString(), "-g", "java", "--library", "native",
                "-o", sources.toString(), "--global-property", "apiTests=false,modelTests=false,apiDocs=false,modelDocs=false",
                "--additional-properties", "openApiNullable=false,useJakartaEe=true,hideGenerationTimestamp=true,"
                        + "invokerPackage=crm.client,apiPackage=crm.client.api,modelPackage=crm.client.model");
        assertThat(generated.exitCode()).as(generated.output()).isZero();
        Path classes = compile(sources.resolve("src/main/java"));

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Object answer = loader.loadClass("crm.client.RoundTrip")
                    .getMethod("run", String.class, String.class, String.class, String.class)
                    .invoke(null, api.baseUrl(), org.slug(), org.adminEmail(), PASSWORD);
            assertThat(answer).isEqualTo("Priya Sharma +919812345678");
        }
    }

    private Path compile(Path generatedSources) throws IOException {
        Path classes = WORK.resolve("classes");
        Files.createDirectories(classes);
        List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-encoding", "UTF-8",
                "-classpath", System.getProperty("java.class.path"), "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(generatedSources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> arguments.add(f.toString()));
        }
        Path roundTrip = Path.of("src/test/resources/generated-client/RoundTrip.java");
        arguments.add(roundTrip.toString());
        var errors = new java.io.ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, errors, arguments.toArray(String[]::new));
        assertThat(exit).as(errors.toString(StandardCharsets.UTF_8)).isZero();
        return classes;
    }

    private record Result(int exitCode, String output) {
    }

    private static Result generator(String... arguments) throws Exception {
        String jar = System.getProperty("openapi-generator.jar", "target/test-servers/openapi-generator-cli.jar");
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", new File(jar).getAbsolutePath()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }
}
