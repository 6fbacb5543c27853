package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Uploading import files and waiting for their job, for the import tests. */
abstract class ImportApiTest extends LeadApiTest {

    @Autowired
    ImportProcessing processing;

    @Autowired
    ObjectStore store;

    @Autowired
    JsonMapper json;

    UUID recordImport(Org org, String csv) {
        UUID id = UUID.randomUUID();
        String key = org.id() + "/imports/" + id + ".csv";
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        store.put(key, new ByteArrayInputStream(bytes), bytes.length, "text/csv");
        CurrentUser admin = new CurrentUser(org.id(), org.adminId(), null, null, null, Set.of("admin"),
                Set.of("leads:write"), DataScope.ALL, null);
        tenancy.runAs(org.id(), () -> db.execute("insert into lead_imports (organization_id, id, file_key, mapping, "
                + "duplicate_policy, actor, total_rows, created_by) values (?, ?, ?, ?::jsonb, 'skip', ?::jsonb, ?, ?)",
                org.id(), id, key, "{\"first_name\":\"first_name\",\"phone\":\"phone\"}",
                json.writeValueAsString(admin), csv.lines().count() - 1, org.adminId()));
        return id;
    }

    JsonNode awaitCompletion(String token, String id) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            JsonNode view = api.get("/api/v1/imports/" + id, token).expect(200).data();
            String status = view.get("status").asString();
            if (status.equals("completed") || status.equals("failed") || System.currentTimeMillis() > deadline) {
                assertThat(status).isEqualTo("completed");
                return view;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    Response upload(String token, String csv, Map<String, String> fields) {
        return upload(token, csv.getBytes(StandardCharsets.UTF_8), "leads.csv", fields);
    }

    Response upload(String token, byte[] file, String fileName, Map<String, String> fields) {
        return upload("/api/v1/leads/import", token, file, fileName, fields);
    }

    Response preview(String token, String csv, Map<String, String> fields) {
        return upload("/api/v1/leads/import/preview", token, csv.getBytes(StandardCharsets.UTF_8), "leads.csv",
                fields);
    }

    Response upload(String path, String token, byte[] file, String fileName, Map<String, String> fields) {
        String boundary = "----import" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        fields.forEach((name, value) -> parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(StandardCharsets.UTF_8)));
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        parts.add(file);
        parts.add(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.send(api.builder(path, token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArrays(parts)));
    }
}
