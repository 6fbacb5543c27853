package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class LeadImportUndoTests extends ImportApiTest {

    @Test
    void undoingAnImportRemovesTheLeadsItCreatedAndSetsBackWhatItChangedOnce() {
        Org org = registerOrganization();
        UUID meera = createLead(org.adminToken(), Map.of("first_name", "Meera", "phone", "9876500301",
                "city", "Pune"));
        String csv = """
                first_name,phone,city,email
                Meera,9876500301,Delhi,meera@example.test
                Ravi,9876500302,Agra,
                Sita,9876500303,Goa,
                """;
        JsonNode done = awaitCompletion(org.adminToken(), upload(org.adminToken(), csv,
                Map.of("duplicate_policy", "update")).expect(202).data().get("id").asString());
        assertThat(done.get("created_count").asInt()).isEqualTo(2);
        assertThat(done.get("updated_count").asInt()).isOne();
        assertThat(done.get("undo_until").asString()).isNotBlank();
        assertThat(lead(org.adminToken(), meera).get("city").asString()).isEqualTo("Delhi");
        String id = done.get("id").asString();

        JsonNode undone = api.post("/api/v1/imports/" + id + "/undo", org.adminToken(), null).expect(200).data();

        assertThat(undone.get("removed_count").asInt()).isEqualTo(2);
        assertThat(undone.get("reverted_count").asInt()).isOne();
        assertThat(undone.get("kept_count").asInt()).isZero();
        JsonNode meeraNow = lead(org.adminToken(), meera);
        assertThat(meeraNow.get("city").asString()).isEqualTo("Pune");
        assertThat(meeraNow.get("email").isNull()).isTrue();
        assertThat(api.get("/api/v1/leads/by-phone/9876500302", org.adminToken()).expect(200).data().size()).isZero();
        assertThat(api.get("/api/v1/leads?limit=1", org.adminToken()).expect(200).body().get("meta").get("total")
                .asInt()).isOne();
        assertThat(api.get("/api/v1/imports/" + id, org.adminToken()).expect(200).data().get("undone_at").asString())
                .isNotBlank();

        JsonNode again = api.post("/api/v1/imports/" + id + "/undo", org.adminToken(), null).expect(200).data();
        assertThat(again.get("removed_count").asInt()).isEqualTo(2);
        assertThat(again.get("undone_at").asString()).isEqualTo(undone.get("undone_at").asString());
        assertThat(auditCount(org, id, "lead_import.undone")).isOne();
    }

    @Test
    void aLeadSomeoneWorkedOnSinceTheImportIsKeptAndCounted() {
        Org org = registerOrganization();
        JsonNode done = awaitCompletion(org.adminToken(), upload(org.adminToken(),
                "first_name,phone\nAnu,9876500311\nBala,9876500312\n", Map.of()).expect(202).data().get("id")
                .asString());
        String anu = api.get("/api/v1/leads/by-phone/9876500311", org.adminToken()).expect(200).data().get(0)
                .get("id").asString();
        api.patch("/api/v1/leads/" + anu, org.adminToken(), Map.of("city", "Kochi")).expect(200);

        JsonNode undone = api.post("/api/v1/imports/" + done.get("id").asString() + "/undo", org.adminToken(), null)
                .expect(200).data();

        assertThat(undone.get("removed_count").asInt()).isOne();
        assertThat(undone.get("kept_count").asInt()).isOne();
        assertThat(api.get("/api/v1/leads/" + anu, org.adminToken()).expect(200).data().get("city").asString())
                .isEqualTo("Kochi");
        assertThat(api.get("/api/v1/leads/by-phone/9876500312", org.adminToken()).expect(200).data().size()).isZero();
    }

    @Test
    void anImportIsUndoneOnlyAfterItFinishedAndWithinADay() {
        Org org = registerOrganization();
        UUID queued = recordImport(org, "first_name,phone\nDev,9876500321\n");
        assertThat(api.post("/api/v1/imports/" + queued + "/undo", org.adminToken(), null).expect(409).body()
                .get("message").asString()).contains("once it has finished");

        String id = awaitCompletion(org.adminToken(), upload(org.adminToken(), "first_name,phone\nEla,9876500322\n",
                Map.of()).expect(202).data().get("id").asString()).get("id").asString();
        tenancy.runAs(org.id(), () -> db.execute("update lead_imports set finished_at = now() - interval '25 hours' "
                + "where organization_id = ? and id = ?::uuid", org.id(), id));

        assertThat(api.post("/api/v1/imports/" + id + "/undo", org.adminToken(), null).expect(409).body()
                .get("message").asString()).contains("within 24 hours");
        assertThat(api.get("/api/v1/leads/by-phone/9876500322", org.adminToken()).expect(200).data().size()).isOne();
    }

    @Test
    void onlyTheImporterOrAnAdminOfTheOrganizationMayUndo() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        TestUser manager = userWithRole(org, "manager");
        TestUser agent = userWithRole(org, "agent");
        String id = awaitCompletion(org.adminToken(), upload(org.adminToken(), "first_name,phone\nFaiz,9876500331\n",
                Map.of()).expect(202).data().get("id").asString()).get("id").asString();

        api.post("/api/v1/imports/" + id + "/undo", agent.token(), null).expect(403);
        api.post("/api/v1/imports/" + id + "/undo", manager.token(), null).expect(404);
        api.post("/api/v1/imports/" + id + "/undo", other.adminToken(), null).expect(404);
        api.post("/api/v1/imports/" + UUID.randomUUID() + "/undo", org.adminToken(), null).expect(404);
        assertThat(api.get("/api/v1/leads/by-phone/9876500331", org.adminToken()).expect(200).data().size()).isOne();

        String own = awaitCompletion(manager.token(), upload(manager.token(), "first_name,phone\nGita,9876500332\n",
                Map.of()).expect(202).data().get("id").asString()).get("id").asString();
        assertThat(api.post("/api/v1/imports/" + own + "/undo", manager.token(), null).expect(200).data()
                .get("removed_count").asInt()).isOne();
    }

    private long auditCount(Org org, String resourceId, String action) {
        return tenancy.callAs(org.id(), () -> Long.parseLong(db.fetchValue("select count(*) from audit_logs "
                + "where organization_id = ? and action = ? and resource_id = ?", org.id(), action, resourceId)
                .toString()));
    }
}
