package com.educonsult.crm.leads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.DataScope;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.support.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The board's columns: counts from the tallies (or counted when a source is filtered), cards a page at a time. */
class LeadBoardTests extends ApiTest {

    @Autowired
    LeadBoard board;

    @Test
    void everyActiveStatusIsAColumnWithItsCountAndTheLatestLeadsToEnterItFirst() {
        Org org = registerOrganization();
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            leads.add(createLead(org.adminToken(), Map.of("first_name", "Lead" + i, "source", i < 2 ? "fair" : "web")));
        }
        UUID contacted = statusId(org, "contacted");
        for (UUID lead : List.of(leads.get(3), leads.get(0), leads.get(4))) {
            api.post("/api/v1/stages/change-status", org.adminToken(), Map.of("lead_id", lead, "status_id",
                    contacted)).expect(200);
        }
        CurrentUser admin = user(org, org.adminId(), DataScope.ALL);

        List<LeadBoard.Column> columns = columns(org, admin, LeadBoard.Filter.of(null, null, null), 2);
        assertThat(columns).extracting(c -> c.status().code()).containsExactly("new", "contacted",
                "counselling_scheduled", "counselled", "application_submitted", "offer_received", "visa_applied",
                "enrolled", "lost");
        LeadBoard.Column inContact = columns.get(1);
        assertThat(inContact.count()).isEqualTo(3);
        assertThat(inContact.countEstimated()).isFalse();
        assertThat(inContact.cards()).extracting(LeadBoard.Card::id).containsExactly(leads.get(4), leads.get(0));
        assertThat(inContact.cards().getFirst().assigneeName()).isNull();
        assertThat(inContact.next()).extracting(LeadStatus::code).containsExactly("counselling_scheduled", "lost");
        assertThat(columns.getFirst().count()).isEqualTo(2);
        assertThat(columns.getFirst().cards()).allSatisfy(c -> assertThat(c.slaMissed()).isFalse());

        LeadBoard.Column rest = tenancy.callAs(org.id(), () -> board.column(admin, contacted,
                LeadBoard.Filter.of(null, null, null), 2, inContact.nextCursor()));
        assertThat(rest.cards()).extracting(LeadBoard.Card::id).containsExactly(leads.get(3));
        assertThat(rest.nextCursor()).isNull();

        List<LeadBoard.Column> fromTheFair = columns(org, admin, LeadBoard.Filter.of(null, null, "fair"), 10);
        assertThat(fromTheFair.get(0).count()).isEqualTo(1);
        assertThat(fromTheFair.get(1).count()).isEqualTo(1);
        assertThat(fromTheFair.get(1).cards()).extracting(LeadBoard.Card::id).containsExactly(leads.get(0));
    }

    @Test
    void aCounselorsBoardHoldsTheirLeadsAndAnOwnerFilterNarrowsTheCounts() {
        Org org = registerOrganization();
        TestUser counselor = userWithRole(org, "counselor");
        UUID mine = createLead(counselor.token(), Map.of("first_name", "Mine"));
        createLead(org.adminToken(), Map.of("first_name", "Admins"));

        LeadBoard.Column own = columns(org, user(org, counselor.id(), DataScope.OWN),
                LeadBoard.Filter.of(null, null, null), 50).getFirst();
        assertThat(own.count()).isEqualTo(1);
        assertThat(own.cards()).extracting(LeadBoard.Card::id).containsExactly(mine);

        CurrentUser admin = user(org, org.adminId(), DataScope.ALL);
        assertThat(columns(org, admin, LeadBoard.Filter.of(null, counselor.id().toString(), null), 50).getFirst()
                .cards()).extracting(LeadBoard.Card::id).containsExactly(mine);
        assertThat(columns(org, admin, LeadBoard.Filter.of(null, counselor.id().toString(), null), 50).getFirst()
                .cards().getFirst().assigneeName()).isEqualTo("Test counselor");
        assertThat(columns(org, admin, LeadBoard.Filter.of(null, "me", null), 50).getFirst().count()).isZero();
        LeadBoard.Column unassigned = columns(org, admin, LeadBoard.Filter.of(null, "unassigned", null), 50)
                .getFirst();
        assertThat(unassigned.count()).isEqualTo(1);
        assertThat(unassigned.cards()).extracting(LeadBoard.Card::fullName).containsExactly("Admins");
        assertThat(columns(org, admin, LeadBoard.Filter.of(null, null, null), 50).getFirst().count()).isEqualTo(2);
        assertThatThrownBy(() -> columns(org, admin, LeadBoard.Filter.of(null, "someone", null), 50))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors().getFirst().field())
                        .isEqualTo("assigned_to"));
    }

    private List<LeadBoard.Column> columns(Org org, CurrentUser user, LeadBoard.Filter filter, int perColumn) {
        return tenancy.callAs(org.id(), () -> board.columns(user, filter, perColumn));
    }

    private static CurrentUser user(Org org, UUID userId, DataScope scope) {
        return new CurrentUser(org.id(), userId, null, null, null, Set.of(scope == DataScope.ALL ? "admin" : "counselor"),
                Set.of("leads:read"), scope, null);
    }

    private UUID statusId(Org org, String code) {
        for (JsonNode status : api.get("/api/v1/lead-statuses", org.adminToken()).expect(200).data()) {
            if (status.get("code").asString().equals(code)) {
                return UUID.fromString(status.get("id").asString());
            }
        }
        throw new AssertionError(code);
    }

    private UUID createLead(String token, Map<String, ?> fields) {
        Map<String, Object> body = new HashMap<>(fields);
        body.putIfAbsent("allow_duplicate", true);
        return UUID.fromString(api.post("/api/v1/leads", token, body).expect(201).data().get("id").asString());
    }
}
