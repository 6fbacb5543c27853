package com.educonsult.crm.identity;

import static com.educonsult.crm.jooq.Tables.USER_INVITATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class InvitationTests extends AdminApiTest {

    private static final Pattern TOKEN = Pattern.compile("inv\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    @Test
    void aUserCreatedWithoutPasswordIsInvitedAndSetsThePasswordWithTheEmailedToken() {
        Org org = registerOrganization();
        String email = unique("invitee") + "@x.test";

        var created = api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "Ivy", "email", email, "roles", List.of("counselor"))).expect(201);
        assertThat(created.data().get("invitation_pending").asBoolean()).isTrue();
        login(org.slug(), email, PASSWORD).expect(401);

        String token = tokenSentTo(email);
        var accepted = api.post("/api/v1/auth/invitations/accept", null, Map.of("token", token, "password", PASSWORD))
                .expect(200).data();

        assertThat(accepted.get("email").asString()).isEqualTo(email);
        login(org.slug(), email, PASSWORD).expect(200);
        String userId = created.data().get("id").asString();
        assertThat(api.get("/api/v1/admin/users/" + userId, org.adminToken()).expect(200).data()
                .get("invitation_pending").asBoolean()).isFalse();
        assertThat(auditActions(org, userId)).contains("user.created", "user.invitation_accepted");
    }

    @Test
    void anInvitationTokenWorksOnlyOnce() {
        Org org = registerOrganization();
        String email = invite(org);
        String token = tokenSentTo(email);
        api.post("/api/v1/auth/invitations/accept", null, Map.of("token", token, "password", PASSWORD)).expect(200);

        var again = api.post("/api/v1/auth/invitations/accept", null,
                Map.of("token", token, "password", "Another-Pass-99")).expect(422);

        assertThat(again.errorField()).isEqualTo("token");
        login(org.slug(), email, PASSWORD).expect(200);
    }

    @Test
    void onlyTheHashOfTheTokenIsStored() throws Exception {
        Org org = registerOrganization();
        String token = tokenSentTo(invite(org));
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));

        List<byte[]> stored = tenancy.callAs(org.id(), () -> db.select(USER_INVITATIONS.TOKEN_HASH)
                .from(USER_INVITATIONS).where(USER_INVITATIONS.ORGANIZATION_ID.eq(org.id()))
                .fetch(USER_INVITATIONS.TOKEN_HASH));

        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst()).isEqualTo(expected);
    }

    @Test
    void invitationsAreIsolatedByTenantWithForcedRowLevelSecurity() {
        var flags = db.fetchOne("select relrowsecurity, relforcerowsecurity from pg_class where relname = 'user_invitations'");

        assertThat(flags.get(0, Boolean.class)).isTrue();
        assertThat(flags.get(1, Boolean.class)).isTrue();
    }

    @Test
    void acceptingWithAWeakPasswordIsRefusedNamingPassword() {
        Org org = registerOrganization();
        String token = tokenSentTo(invite(org));

        var response = api.post("/api/v1/auth/invitations/accept", null, Map.of("token", token, "password", "short"))
                .expect(422);

        assertThat(response.errorField()).isEqualTo("password");
        api.post("/api/v1/auth/invitations/accept", null, Map.of("token", token, "password", PASSWORD)).expect(200);
    }

    @Test
    void anUnknownOrForgedTokenIsRefusedNamingToken() {
        String forged = "inv." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[16]) + ".abc";

        assertThat(api.post("/api/v1/auth/invitations/accept", null, Map.of("token", "garbage", "password", PASSWORD))
                .expect(422).errorField()).isEqualTo("token");
        assertThat(api.post("/api/v1/auth/invitations/accept", null, Map.of("token", forged, "password", PASSWORD))
                .expect(422).errorField()).isEqualTo("token");
        assertThat(api.post("/api/v1/auth/invitations/accept", null, Map.of("password", PASSWORD))
                .expect(422).errorField()).isEqualTo("token");
    }

    @Test
    void acceptingWithMalformedJsonOrWrongTypesIsABadRequest() {
        api.raw("POST", "/api/v1/auth/invitations/accept", null, "application/json", "{\"token\"").expect(400);
        assertThat(api.post("/api/v1/auth/invitations/accept", null, Map.of("token", List.of("a"), "password", PASSWORD))
                .expect(400).errorField()).isEqualTo("token");
    }

    @Test
    void aDeletedUsersInvitationNoLongerWorks() {
        Org org = registerOrganization();
        String email = invite(org);
        String token = tokenSentTo(email);
        String id = api.get("/api/v1/admin/users?search=" + email, org.adminToken()).expect(200).data().get(0)
                .get("id").asString();
        api.delete("/api/v1/admin/users/" + id, org.adminToken()).expect(200);

        api.post("/api/v1/auth/invitations/accept", null, Map.of("token", token, "password", PASSWORD)).expect(422);
    }

    private String invite(Org org) {
        String email = unique("invitee") + "@x.test";
        api.post("/api/v1/admin/users", org.adminToken(), Map.of(
                "first_name", "Ivy", "email", email, "roles", List.of("agent"))).expect(201);
        return email;
    }

    private String tokenSentTo(String email) {
        String body = lastMessageTo(email);
        assertThat(body).as("invitation message to %s", email).isNotNull();
        Matcher matcher = TOKEN.matcher(body);
        assertThat(matcher.find()).isTrue();
        return matcher.group();
    }
}
