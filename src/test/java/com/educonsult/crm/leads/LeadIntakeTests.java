package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.support.ApiTest;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class LeadIntakeTests extends ApiTest {

    @Autowired
    LeadIntake intake;

    @Autowired
    JsonMapper json;

    private LeadIntake.Arrival receive(Org org, Map<String, Object> fields) {
        LeadRequest request = json.convertValue(fields, LeadRequest.class);
        return tenancy.callAs(org.id(), () -> intake.receive(org.id(), request));
    }

    private static Map<String, Object> facebookLead(String leadgenId, String phone) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("first_name", "Asha");
        fields.put("phone", phone);
        fields.put("platform", "facebook");
        fields.put("source", "facebook_lead_ads");
        fields.put("source_lead_id", leadgenId);
        fields.put("form_id", "form-1");
        return fields;
    }

    @Test
    void aNewPersonBecomesANewLeadWithItsSource() {
        Org org = registerOrganization();

        LeadIntake.Arrival arrival = receive(org, facebookLead("lg-1", "+919800000001"));

        assertThat(arrival.created()).isTrue();
        JsonNode lead = api.get("/api/v1/leads/" + arrival.leadId(), org.adminToken()).expect(200).data();
        assertThat(lead.get("platform").asString()).isEqualTo("facebook");
        assertThat(lead.get("source_lead_id").asString()).isEqualTo("lg-1");
        assertThat(lead.get("form_id").asString()).isEqualTo("form-1");
    }

    @Test
    void theSameSourceLeadDeliveredTwiceIsOneLeadLeftUnchanged() {
        Org org = registerOrganization();
        UUID first = receive(org, facebookLead("lg-2", "+919800000002")).leadId();
        Map<String, Object> again = facebookLead("lg-2", "+919800000002");
        again.put("city", "Pune");

        LeadIntake.Arrival arrival = receive(org, again);

        assertThat(arrival.created()).isFalse();
        assertThat(arrival.leadId()).isEqualTo(first);
        assertThat(arrival.matchedBy()).isEqualTo("source_lead_id");
        assertThat(api.get("/api/v1/leads/" + first, org.adminToken()).expect(200).data().get("city").isNull())
                .isTrue();
    }

    @Test
    void aPersonWhoIsAlreadyALeadFillsOnlyBlankFieldsAndTheEnquiryIsOnTheTimeline() {
        Org org = registerOrganization();
        UUID existing = UUID.fromString(api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Asha",
                "last_name", "Verma", "phone", "+919800000003")).expect(201).data().get("id").asString());
        Map<String, Object> enquiry = facebookLead("lg-3", "+91 98000 00003");
        enquiry.put("last_name", "Typed Differently");
        enquiry.put("email", "asha@example.com");

        LeadIntake.Arrival arrival = receive(org, enquiry);

        assertThat(arrival.created()).isFalse();
        assertThat(arrival.leadId()).isEqualTo(existing);
        assertThat(arrival.matchedBy()).isEqualTo("phone");
        assertThat(arrival.filled()).contains("email").doesNotContain("last_name");
        JsonNode lead = api.get("/api/v1/leads/" + existing, org.adminToken()).expect(200).data();
        assertThat(lead.get("last_name").asString()).isEqualTo("Verma");
        assertThat(lead.get("email").asString()).isEqualTo("asha@example.com");
        JsonNode timeline = api.get("/api/v1/leads/" + existing + "/timeline", org.adminToken()).expect(200).data();
        assertThat(timeline.toString()).contains("enquiry", "Enquired again");
    }

    @Test
    void aLeadThatIsNotAPhoneNumberIsRefusedNamingTheField() {
        Org org = registerOrganization();

        assertThatThrownBy(() -> receive(org, facebookLead("lg-4", "not a phone")))
                .isInstanceOfSatisfying(ApiException.class, refused ->
                        assertThat(refused.errors().getFirst().field()).isEqualTo("phone"));
    }

    @Test
    void aLeadThatArrivesByItselfIsTakenWithoutTheCustomFieldsTheFormRequiresOfPeople() {
        Org org = registerOrganization();
        api.put("/api/v1/leads/form", org.adminToken(), Map.of("fields", java.util.List.of(Map.of("key",
                "intake_year", "label", "Intake", "type", "select", "required", true, "options",
                java.util.List.of("2026", "2027"))))).expect(200);
        api.post("/api/v1/leads", org.adminToken(), Map.of("first_name", "Typed")).expect(422);

        LeadIntake.Arrival arrival = receive(org, facebookLead("lg-5", "+919800000005"));

        assertThat(arrival.created()).isTrue();
    }
}
