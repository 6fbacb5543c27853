package com.educonsult.crm.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

class RecordedMessageTests extends ApiTest {

    private static final String MESSAGES = "/api/v1/admin/recorded-messages";

    @Test
    void anAdminReadsTheOrganizationsMessagesNewestFirst() {
        Org org = registerOrganization();
        String first = sendCode(org);
        String second = sendCode(org);

        var page = api.get(MESSAGES, org.adminToken()).expect(200);

        assertThat(page.data()).hasSize(2);
        assertThat(page.body().get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(page.data().get(0).get("recipient").asString()).isEqualTo(second);
        assertThat(page.data().get(1).get("recipient").asString()).isEqualTo(first);
        assertThat(page.data().get(0).get("channel").asString()).isEqualTo("sms");
        assertThat(page.data().get(0).get("body").asString()).containsPattern("\\d{6}");
    }

    @Test
    void pagesWithLimitAndOffset() {
        Org org = registerOrganization();
        sendCode(org);
        String newest = sendCode(org);

        var page = api.get(MESSAGES + "?limit=1&offset=0", org.adminToken()).expect(200);

        assertThat(page.data()).hasSize(1);
        assertThat(page.data().get(0).get("recipient").asString()).isEqualTo(newest);
        assertThat(page.body().get("meta").get("total").asLong()).isEqualTo(2);
        assertThat(api.get(MESSAGES + "?limit=0", org.adminToken()).expect(400).errorField()).isEqualTo("limit");
        assertThat(api.get(MESSAGES + "?offset=x", org.adminToken()).expect(400).errorField()).isEqualTo("offset");
    }

    @Test
    void anotherOrganizationsMessagesAreNotShown() {
        Org org = registerOrganization();
        Org other = registerOrganization();
        String theirs = sendCode(other);

        var page = api.get(MESSAGES, org.adminToken()).expect(200);

        assertThat(page.data()).isEmpty();
        assertThat(page.raw()).doesNotContain(theirs);
    }

    @Test
    void withoutTheMessagesPermissionTheyAreForbidden() {
        Org org = registerOrganization();
        TestUser agent = userWithRole(org, "agent");
        TestUser manager = userWithRole(org, "manager");

        api.get(MESSAGES, agent.token()).expect(403);
        api.get(MESSAGES, manager.token()).expect(403);
    }

    private String sendCode(Org org) {
        String phone = "+9197" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        api.post("/api/v1/auth/otp/send", null, Map.of("phone", phone, "purpose", "login",
                "organization_slug", org.slug())).expect(200);
        return phone;
    }
}
