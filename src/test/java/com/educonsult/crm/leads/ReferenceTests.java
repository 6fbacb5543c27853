package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.catalog.CatalogFixtures;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A write that names another record (a branch, a user, a status, a lead, an institution) that is not one of the
 * organization's answers 422 naming the field, on the canonical API and on the app's routes; an id in the path
 * of another organization stays 404.
 */
class ReferenceTests extends LeadApiTest {

    private UUID branch(Org org) {
        return UUID.fromString(api.post("/api/v1/branches", org.adminToken(), Map.of("name", unique("Office")))
                .expect(201).data().get("id").asString());
    }

    @Test
    void aLeadNamingABranchOfAnotherOrganizationOrNoBranchIsRefusedNamingBranchId() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignBranch = branch(other);
        UUID lead = createLead(org.adminToken(), Map.of());

        for (UUID branch : List.of(foreignBranch, UUID.randomUUID())) {
            assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Riya",
                    "branch_id", branch.toString())).expect(422).errorField()).isEqualTo("branch_id");
            assertThat(api.patch("/api/v1/leads/" + lead, org.adminToken(), Map.of("branch_id", branch.toString()))
                    .expect(422).errorField()).isEqualTo("branch_id");
        }
        UUID own = branch(org);
        assertThat(api.patch("/api/v1/leads/" + lead, org.adminToken(), Map.of("branch_id", own.toString()))
                .expect(200).data().get("branch_id").asString()).isEqualTo(own.toString());
    }

    @Test
    void aLeadNamingAStatusOfAnotherOrganizationIsRefusedNamingTheStatusFieldOnBothApis() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignStatus = statusId(other, "contacted");
        UUID lead = createLead(org.adminToken(), Map.of());

        assertThat(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Riya",
                "status_id", foreignStatus.toString())).expect(422).errorField()).isEqualTo("status_id");
        assertThat(api.patch("/api/v1/leads/" + lead, org.adminToken(), Map.of("status_id", foreignStatus.toString()))
                .expect(422).errorField()).isEqualTo("status_id");
        assertThat(api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", lead.toString(),
                "status_id", foreignStatus.toString())).expect(422).errorField()).isEqualTo("status_id");
        assertThat(api.post("/api/v1/lead/save", org.adminToken(), Map.of("leadDetails", Map.of("firstName", "Riya",
                "number", "9876511111", "statusId", foreignStatus.toString(), "allowDuplicate", true)))
                .expect(422).errorField()).isEqualTo("leadDetails.statusId");
        assertThat(api.post("/api/v1/lead/saveNote", org.adminToken(), Map.of("lead_id", lead.toString(),
                "content", "x", "status_id", foreignStatus.toString())).expect(422).errorField())
                .isEqualTo("status_id");
    }

    @Test
    void aTaskOrActivityOnALeadOrForAUserOfAnotherOrganizationIsRefusedNamingTheField() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignLead = createLead(other.adminToken(), Map.of());
        UUID lead = createLead(org.adminToken(), Map.of());
        String due = OffsetDateTime.now().plusDays(1).toString();

        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", foreignLead.toString(),
                "title", "Call")).expect(422).errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", UUID.randomUUID().toString(),
                "title", "Call")).expect(422).errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead.toString(), "title", "Call",
                "assignee_id", other.adminId().toString())).expect(422).errorField()).isEqualTo("assignee_id");
        UUID task = UUID.fromString(api.post("/api/v1/tasks", org.adminToken(), Map.of("lead_id", lead.toString(),
                "title", "Call", "due_at", due)).expect(201).data().get("id").asString());
        assertThat(api.patch("/api/v1/tasks/" + task, org.adminToken(), Map.of("assignee_id",
                other.adminId().toString())).expect(422).errorField()).isEqualTo("assignee_id");
        assertThat(api.post("/api/v1/activities/log", org.adminToken(), Map.of("lead_id", foreignLead.toString(),
                "activity_type", "call", "description", "x")).expect(422).errorField()).isEqualTo("lead_id");
        assertThat(api.post("/api/v1/lead/saveNote", org.adminToken(), Map.of("lead_id", lead.toString(),
                "content", "x", "call_log_id", UUID.randomUUID().toString())).expect(422).errorField())
                .isEqualTo("call_log_id");
    }

    @Test
    void anAssignmentToAUserOfAnotherOrganizationIsRefusedNamingTheField() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID lead = createLead(org.adminToken(), Map.of());
        String stranger = other.adminId().toString();

        assertThat(api.post("/api/v1/assignments/assign", org.adminToken(), Map.of("lead_id", lead.toString(),
                "assigned_to", stranger)).expect(422).errorField()).isEqualTo("assigned_to");
        assertThat(api.post("/api/v1/assignments/bulk-assign", org.adminToken(), Map.of("strategy", "round_robin",
                "user_ids", List.of(stranger))).expect(422).errorField()).isEqualTo("user_ids");
        assertThat(api.put("/api/v1/assignments/settings", org.adminToken(), Map.of("mode", "round_robin",
                "rules", List.of(Map.of("source", "fair", "user_ids", List.of(stranger))))).expect(422).errorField())
                .isEqualTo("rules[0].user_ids");
    }

    @Test
    void aUserOrCourseNamingABranchOrInstitutionOfAnotherOrganizationIsRefusedNamingTheField() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        CatalogFixtures catalog = new CatalogFixtures(api, db, tenancy);
        UUID foreignInstitution = catalog.institution(other, "Far University", "GB");

        assertThat(api.post("/api/v1/admin/users", org.adminToken(), Map.of("first_name", "Kiran",
                "email", unique("kiran") + "@example.test", "roles", List.of("counselor"),
                "branch_id", branch(other).toString())).expect(422).errorField()).isEqualTo("branch_id");
        assertThat(api.post("/api/v1/catalog/courses", org.adminToken(), Map.of("institution_id",
                foreignInstitution.toString(), "name", "MSc Data", "level", "master")).expect(422).errorField())
                .isEqualTo("institution_id");
    }

    @Test
    void anIdOfAnotherOrganizationInThePathStaysNotFound() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        UUID foreignLead = createLead(other.adminToken(), Map.of());

        api.patch("/api/v1/leads/" + foreignLead, org.adminToken(), Map.of("city", "Pune")).expect(404);
        api.post("/api/v1/leads/" + foreignLead + "/notes", org.adminToken(), Map.of("content", "x")).expect(404);
        api.post("/api/v1/leads/" + foreignLead + "/interactions", org.adminToken(),
                Map.of("type", "call", "summary", "x")).expect(404);
    }
}
