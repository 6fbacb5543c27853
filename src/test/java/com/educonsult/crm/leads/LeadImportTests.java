package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.storage.ObjectStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LeadImportTests extends ImportApiTest {

    @Test
    void anImportCreatesGoodRowsCountsADuplicateAndReportsEachRejectedRowWithWhy() throws IOException {
        Org org = registerOrganization();
        createLead(org.adminToken(), "Existing", "9876500001");
        String csv = """
                Full Name,Mobile,E-mail,City,Tags
                Asha Rao,9876500010,Asha@Example.TEST,Pune,fair;mba
                Vikram,9876500011,,Delhi,
                Dup Person,098765 00001,,Mumbai,
                Bad Phone,12,,Goa,
                ,9876500012,,Agra,
                """;

        JsonNode started = upload(org.adminToken(), csv, Map.of()).expect(202).data();
        assertThat(started.get("status").asString()).isIn("queued", "running", "completed");
        assertThat(started.get("total_rows").asInt()).isEqualTo(5);
        JsonNode done = awaitCompletion(org.adminToken(), started.get("id").asString());

        assertThat(done.get("processed_rows").asInt()).isEqualTo(5);
        assertThat(done.get("created_count").asInt()).isEqualTo(2);
        assertThat(done.get("skipped_count").asInt()).isEqualTo(1);
        assertThat(done.get("updated_count").asInt()).isZero();
        assertThat(done.get("failed_count").asInt()).isEqualTo(2);
        assertThat(done.get("has_error_report").asBoolean()).isTrue();
        JsonNode asha = api.get("/api/v1/leads/by-phone/9876500010", org.adminToken()).expect(200).data().get(0);
        assertThat(asha.get("first_name").asString()).isEqualTo("Asha");
        assertThat(asha.get("last_name").asString()).isEqualTo("Rao");
        assertThat(asha.get("phone").asString()).isEqualTo("+919876500010");
        assertThat(asha.get("email").asString()).isEqualTo("asha@example.test");
        assertThat(asha.get("platform").asString()).isEqualTo("import");
        assertThat(asha.get("status").get("code").asString()).isEqualTo("new");
        assertThat(asha.get("tags").toString()).contains("fair", "mba");
        assertThat(api.get("/api/v1/stages/lead/" + asha.get("id").asString() + "/current", org.adminToken())
                .expect(200).data().get("status").get("code").asString()).isEqualTo("new");

        var report = api.get("/api/v1/imports/" + done.get("id").asString() + "/errors", org.adminToken()).expect(200);
        assertThat(report.http().headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        List<CSVRecord> rows = CSVFormat.DEFAULT.parse(new StringReader(report.raw())).getRecords();
        assertThat(rows.getFirst().toList()).containsExactly("row", "reason", "Full Name", "Mobile", "E-mail", "City",
                "Tags");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get(0)).isEqualTo("5");
        assertThat(rows.get(1).get(1)).contains("phone");
        assertThat(rows.get(1).get(2)).isEqualTo("Bad Phone");
        assertThat(rows.get(2).get(0)).isEqualTo("6");
        assertThat(rows.get(2).get(1)).contains("first_name");
        assertThat(rows.get(2).get(3)).isEqualTo("9876500012");
    }

    @Test
    void theDuplicatePolicySkipsUpdatesOrCreates() {
        Org org = registerOrganization();
        UUID existing = createLead(org.adminToken(), Map.of("first_name", "Meera", "phone", "9876500020",
                "city", "Pune"));
        String csv = "first_name,phone,city\nMeera,+91 98765 00020,Delhi\n";

        JsonNode skipped = awaitCompletion(org.adminToken(),
                upload(org.adminToken(), csv, Map.of()).expect(202).data().get("id").asString());
        assertThat(skipped.get("skipped_count").asInt()).isOne();
        assertThat(lead(org.adminToken(), existing).get("city").asString()).isEqualTo("Pune");

        JsonNode updated = awaitCompletion(org.adminToken(), upload(org.adminToken(), csv,
                Map.of("duplicate_policy", "update")).expect(202).data().get("id").asString());
        assertThat(updated.get("updated_count").asInt()).isOne();
        assertThat(updated.get("created_count").asInt()).isZero();
        assertThat(lead(org.adminToken(), existing).get("city").asString()).isEqualTo("Delhi");

        JsonNode created = awaitCompletion(org.adminToken(), upload(org.adminToken(), csv,
                Map.of("duplicate_policy", "create", "source", "fair")).expect(202).data().get("id").asString());
        assertThat(created.get("created_count").asInt()).isOne();
        JsonNode both = api.get("/api/v1/leads/by-phone/9876500020", org.adminToken()).expect(200).data();
        assertThat(both.size()).isEqualTo(2);
        assertThat(api.get("/api/v1/leads?source=fair", org.adminToken()).expect(200).data().size()).isOne();
    }

    @Test
    void aColumnMappingNamesWhichColumnFillsWhichField() {
        Org org = registerOrganization();
        String csv = "Student,Contact,Course\nKiran Das,9876500030,MBA\n";

        JsonNode done = awaitCompletion(org.adminToken(), upload(org.adminToken(), csv, Map.of("mapping",
                "{\"Student\":\"full_name\",\"Contact\":\"phone\",\"Course\":\"interested_courses\"}"))
                .expect(202).data().get("id").asString());

        assertThat(done.get("created_count").asInt()).isOne();
        assertThat(done.get("mapping").get("Contact").asString()).isEqualTo("phone");
        JsonNode lead = api.get("/api/v1/leads/by-phone/9876500030", org.adminToken()).expect(200).data().get(0);
        assertThat(lead.get("last_name").asString()).isEqualTo("Das");
        assertThat(lead.get("interested_courses").get(0).asString()).isEqualTo("MBA");
        api.get("/api/v1/imports/" + done.get("id").asString() + "/errors", org.adminToken()).expect(404);
        JsonNode list = api.get("/api/v1/imports", org.adminToken()).expect(200).body();
        assertThat(list.get("data").get(0).get("id").asString()).isEqualTo(done.get("id").asString());
        assertThat(list.get("meta").get("total").asInt()).isOne();
    }

    @Test
    void aRunInterruptedAfterABatchContinuesWithoutCreatingARowTwice() {
        Org org = registerOrganization();
        StringBuilder csv = new StringBuilder("first_name,phone\n");
        int rows = ImportProcessing.BATCH_SIZE + 50;
        for (int i = 0; i < rows; i++) {
            csv.append("Lead").append(i).append(",98760").append(String.format("%05d", i)).append('\n');
        }
        UUID id = recordImport(org, csv.toString());

        processing.run(org.id(), id, 1);
        JsonNode partial = api.get("/api/v1/imports/" + id, org.adminToken()).expect(200).data();
        assertThat(partial.get("status").asString()).isEqualTo("running");
        assertThat(partial.get("processed_rows").asInt()).isEqualTo(ImportProcessing.BATCH_SIZE);
        assertThat(partial.get("created_count").asInt()).isEqualTo(ImportProcessing.BATCH_SIZE);

        processing.run(org.id(), id);
        processing.run(org.id(), id);

        JsonNode done = api.get("/api/v1/imports/" + id, org.adminToken()).expect(200).data();
        assertThat(done.get("status").asString()).isEqualTo("completed");
        assertThat(done.get("processed_rows").asInt()).isEqualTo(rows);
        assertThat(done.get("created_count").asInt()).isEqualTo(rows);
        assertThat(done.get("failed_count").asInt()).isZero();
        assertThat(api.get("/api/v1/leads?limit=1", org.adminToken()).expect(200).body().get("meta").get("total")
                .asInt()).isEqualTo(rows);
    }

    @Test
    void importedLeadsAreAssignedInTurnAndTheAssignmentIsOnTheirTimeline() {
        Org org = registerOrganization();
        List<UUID> counselors = java.util.stream.Stream.of(userWithRole(org, "counselor"),
                        userWithRole(org, "counselor"))
                .map(TestUser::id).sorted(java.util.Comparator.comparing(UUID::toString)).toList();
        api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin")).expect(200);

        awaitCompletion(org.adminToken(), upload(org.adminToken(),
                "first_name,phone\nA,9876500401\nB,9876500402\nC,9876500403\n", Map.of()).expect(202).data()
                .get("id").asString());

        List<UUID> owners = List.of("9876500401", "9876500402", "9876500403").stream()
                .map(phone -> api.get("/api/v1/leads/by-phone/" + phone, org.adminToken()).expect(200).data().get(0))
                .map(lead -> UUID.fromString(lead.get("assigned_to").asString())).toList();
        assertThat(owners).containsExactly(counselors.get(0), counselors.get(1), counselors.get(0));
        String first = api.get("/api/v1/leads/by-phone/9876500401", org.adminToken()).expect(200).data().get(0)
                .get("id").asString();
        JsonNode history = api.get("/api/v1/assignments/lead/" + first + "/history", org.adminToken()).expect(200)
                .data();
        assertThat(history.get(0).get("action").asString()).isEqualTo("auto");
        assertThat(api.get("/api/v1/leads/" + first + "/timeline", org.adminToken()).expect(200).data().toString())
                .contains("assignment", "Assigned to");
    }

    @Test
    void aManagerImportingIntoAnotherBranchIsGivenTheLeadsTheyCouldNotSeeOtherwise() {
        Org org = registerOrganization();
        UUID pune = UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Pune", "code",
                "PUN")).expect(201).data().get("id").asString());
        UUID delhi = UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", "Delhi", "code",
                "DEL")).expect(201).data().get("id").asString());
        TestUser manager = userWithRole(org, "manager", pune);

        awaitCompletion(manager.token(), upload(manager.token(), "first_name,phone,branch_id\nOwn,9876500411,"
                + pune + "\nAway,9876500412," + delhi + "\n", Map.of()).expect(202).data().get("id").asString());

        JsonNode own = api.get("/api/v1/leads/by-phone/9876500411", org.adminToken()).expect(200).data().get(0);
        JsonNode away = api.get("/api/v1/leads/by-phone/9876500412", org.adminToken()).expect(200).data().get(0);
        assertThat(own.get("assigned_to").isNull()).isTrue();
        assertThat(away.get("assigned_to").asString()).isEqualTo(manager.id().toString());
        assertThat(api.get("/api/v1/leads/by-phone/9876500412", manager.token()).expect(200).data().size()).isOne();
    }

    @Test
    void aRowRepeatingAnEarlierRowOfTheFileIsSkippedOrChangesTheLeadThatRowCreated() {
        Org org = registerOrganization();
        String csv = "first_name,phone,email,city\nNila,9876500421,,Pune\nNila R,,nila@example.test,\n"
                + "Nila,09876500421,nila@example.test,Goa\n";

        JsonNode skipped = awaitCompletion(org.adminToken(), upload(org.adminToken(), csv, Map.of()).expect(202)
                .data().get("id").asString());
        assertThat(skipped.get("created_count").asInt()).isEqualTo(2);
        assertThat(skipped.get("skipped_count").asInt()).isOne();
        JsonNode first = api.get("/api/v1/leads/by-phone/9876500421", org.adminToken()).expect(200).data().get(0);
        assertThat(first.get("city").asString()).isEqualTo("Pune");

        Org other = registerOrganization();
        JsonNode updated = awaitCompletion(other.adminToken(), upload(other.adminToken(), csv,
                Map.of("duplicate_policy", "update")).expect(202).data().get("id").asString());
        assertThat(updated.get("created_count").asInt()).isEqualTo(2);
        assertThat(updated.get("updated_count").asInt()).isOne();
        JsonNode changed = api.get("/api/v1/leads/by-phone/9876500421", other.adminToken()).expect(200).data().get(0);
        assertThat(changed.get("city").asString()).isEqualTo("Goa");
        assertThat(changed.get("email").asString()).isEqualTo("nila@example.test");
    }

    @Test
    void aFileThatIsNoCsvOrHasNoRowsOrABadMappingIsRefusedNamingTheField() {
        Org org = registerOrganization();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, (byte) 0xff, (byte) 0xfe};

        assertThat(upload(org.adminToken(), png, "image.png", Map.of()).expect(422).errorField()).isEqualTo("file");
        assertThat(upload(org.adminToken(), "", Map.of()).expect(422).errorField()).isEqualTo("file");
        assertThat(upload(org.adminToken(), "first_name,phone\n", Map.of()).expect(422).errorField())
                .isEqualTo("file");
        assertThat(upload(org.adminToken(), "colour,size\nred,9\n", Map.of()).expect(422).errorField())
                .isEqualTo("file");
        String csv = "Name,Phone\nA B,9876500040\n";
        assertThat(upload(org.adminToken(), csv, Map.of("mapping", "{not json")).expect(422).errorField())
                .isEqualTo("mapping");
        assertThat(upload(org.adminToken(), csv, Map.of("mapping", "{\"Name\":\"nickname\"}")).expect(422)
                .errorField()).isEqualTo("mapping");
        assertThat(upload(org.adminToken(), csv, Map.of("mapping", "{\"Missing\":\"first_name\"}")).expect(422)
                .errorField()).isEqualTo("mapping");
        assertThat(upload(org.adminToken(), csv, Map.of("duplicate_policy", "merge")).expect(422).errorField())
                .isEqualTo("duplicate_policy");
        assertThat(api.get("/api/v1/imports", org.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void anAgentMayNotImportAndAnotherOrganizationsImportIsNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        String csv = "Name,Phone\nA B,12\n";
        String id = upload(org.adminToken(), csv, Map.of()).expect(202).data().get("id").asString();
        awaitCompletion(org.adminToken(), id);

        upload(agent.token(), csv, Map.of()).expect(403);
        api.get("/api/v1/imports", agent.token()).expect(403);
        api.get("/api/v1/imports/" + id, agent.token()).expect(403);
        api.get("/api/v1/imports/" + id, other.adminToken()).expect(404);
        api.get("/api/v1/imports/" + id + "/errors", other.adminToken()).expect(404);
        assertThat(api.get("/api/v1/imports", other.adminToken()).expect(200).data().size()).isZero();
        api.get("/api/v1/imports/" + UUID.randomUUID(), org.adminToken()).expect(404);
        api.get("/api/v1/imports/not-an-id", org.adminToken()).expect(400);
    }

    @Test
    void aManagerSeesTheirOwnImportsOnly() {
        Org org = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        String id = upload(org.adminToken(), "Name\nA B\n", Map.of()).expect(202).data().get("id").asString();

        api.get("/api/v1/imports/" + id, manager.token()).expect(404);
        assertThat(api.get("/api/v1/imports", manager.token()).expect(200).data().size()).isZero();
    }
}
