package com.educonsult.crm.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The document at /v3/api-docs: what a client generator reads. */
class OpenApiDocumentTests extends ApiTest {

    @Test
    void theDocumentIsServedAndWrittenForTools() throws Exception {
        Response response = api.get("/v3/api-docs", null).expect(200);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/openapi.json"), response.raw());
        assertThat(response.body().get("openapi").asString()).startsWith("3.1");
    }
}
