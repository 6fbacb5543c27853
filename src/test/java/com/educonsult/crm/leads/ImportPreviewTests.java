package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ImportPreviewTests extends ImportApiTest {

    private static final String CSV = "Name,Mobile No,Email,City\n"
            + "Asha Rao,9876500501,asha@example.test,Pune\n"
            + "Existing Again,9876500502,,Goa\n"
            + ",9876500503,,Delhi\n"
            + "Asha R,,asha@example.test,Mumbai\n";

    @Test
    void aPreviewShowsWhatEachRowWouldDoAndWritesNothing() {
        Org org = registerOrganization();
        var existing = createLead(org.adminToken(), "Existing", "9876500502");

        JsonNode preview = preview(org.adminToken(), CSV, Map.of()).expect(200).data();

        assertThat(preview.get("columns").toString()).isEqualTo("[\"Name\",\"Mobile No\",\"Email\",\"City\"]");
        assertThat(preview.get("mapping").get("Name").asString()).isEqualTo("full_name");
        assertThat(preview.get("mapping").get("Mobile No").asString()).isEqualTo("phone");
        assertThat(preview.get("total_rows").asInt()).isEqualTo(4);
        assertThat(preview.get("mapping_problem").isNull()).isTrue();
        JsonNode rows = preview.get("rows");
        assertThat(rows.get(0).get("outcome").asString()).isEqualTo("create");
        assertThat(rows.get(1).get("outcome").asString()).isEqualTo("skip");
        assertThat(rows.get(1).get("duplicate_of_lead").asString()).isEqualTo(existing.toString());
        assertThat(rows.get(2).get("outcome").asString()).isEqualTo("fail");
        assertThat(rows.get(2).get("reason").asString()).contains("first_name");
        assertThat(rows.get(3).get("outcome").asString()).isEqualTo("skip");
        assertThat(rows.get(3).get("duplicate_of_row").asInt()).isEqualTo(2);
        assertThat(preview.get("counts").get("create").asInt()).isOne();
        assertThat(preview.get("counts").get("skip").asInt()).isEqualTo(2);
        assertThat(preview.get("counts").get("fail").asInt()).isOne();
        assertThat(api.get("/api/v1/leads", org.adminToken()).expect(200).data().size()).isOne();
        assertThat(api.get("/api/v1/imports", org.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void theUpdatePolicyPreviewsDuplicatesAsChangesAndRowsCanBeLimited() {
        Org org = registerOrganization();
        createLead(org.adminToken(), "Existing", "9876500502");

        JsonNode preview = preview(org.adminToken(), CSV, Map.of("duplicate_policy", "update", "rows", "2"))
                .expect(200).data();

        assertThat(preview.get("rows").size()).isEqualTo(2);
        assertThat(preview.get("rows").get(1).get("outcome").asString()).isEqualTo("update");
        assertThat(preview.get("duplicate_policy").asString()).isEqualTo("update");
    }

    @Test
    void theMappingChosenForAnImportIsOfferedForTheNextFileWithTheSameColumns() {
        Org org = registerOrganization();
        String csv = "Candidate,Contact,Branch Notes\nRavi Kumar,9876500511,call after 6\n";
        JsonNode guessed = preview(org.adminToken(), csv, Map.of()).expect(200).data();
        assertThat(guessed.get("mapping_problem").asString()).contains("first_name or full_name");
        assertThat(guessed.get("rows").size()).isZero();

        String chosen = "{\"Candidate\":\"full_name\",\"Contact\":\"phone\",\"Branch Notes\":\"source_details\"}";
        awaitCompletion(org.adminToken(), upload(org.adminToken(), csv, Map.of("mapping", chosen)).expect(202)
                .data().get("id").asString());

        JsonNode remembered = preview(org.adminToken(), "candidate,CONTACT,Branch notes\nMeera Nair,9876500512,x\n",
                Map.of()).expect(200).data();
        assertThat(remembered.get("mapping").get("candidate").asString()).isEqualTo("full_name");
        assertThat(remembered.get("mapping").get("CONTACT").asString()).isEqualTo("phone");
        assertThat(remembered.get("mapping").get("Branch notes").asString()).isEqualTo("source_details");
        assertThat(remembered.get("rows").get(0).get("outcome").asString()).isEqualTo("create");

        Org other = registerOrganization();
        assertThat(preview(other.adminToken(), csv, Map.of()).expect(200).data().get("mapping_problem").asString())
                .contains("full_name");
    }

    @Test
    void aBadFileMappingPolicyOrRowCountIsRefusedNamingTheField() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");

        assertThat(preview(org.adminToken(), "", Map.of()).expect(422).errorField()).isEqualTo("file");
        assertThat(preview(org.adminToken(), CSV, Map.of("mapping", "{\"Nope\":\"phone\"}")).expect(422)
                .errorField()).isEqualTo("mapping");
        assertThat(preview(org.adminToken(), CSV, Map.of("duplicate_policy", "merge")).expect(422).errorField())
                .isEqualTo("duplicate_policy");
        assertThat(preview(org.adminToken(), CSV, Map.of("rows", "500")).expect(422).errorField())
                .isEqualTo("rows");
        preview(agent.token(), CSV, Map.of()).expect(403);
    }

    @Test
    void aPreviewFindsNoDuplicateInAnotherOrganization() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        createLead(other.adminToken(), "Theirs", "9876500502");

        JsonNode rows = preview(org.adminToken(), CSV, Map.of()).expect(200).data().get("rows");

        assertThat(rows.get(1).get("outcome").asString()).isEqualTo("create");
    }
}
