package com.educonsult.crm.messaging.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import com.educonsult.crm.support.FakeMail;
import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class EmailChannelTests extends ApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    ImapPoller poller;

    @Autowired
    EmailAccounts accounts;

    private void connectEmail(Org org, int port, Map<String, String> extra) {
        Map<String, String> credentials = new HashMap<>(Map.of("host", "localhost", "port", String.valueOf(port),
                "security", "none", "from_address", "admissions@" + org.slug() + ".test",
                "from_name", "Admissions Desk", "username", "admissions", "password", "secret"));
        credentials.putAll(extra);
        api.post("/api/v1/admin/integrations/email/connect", org.adminToken(), Map.of("credentials", credentials))
                .expect(200);
    }

    private UUID lead(Org org, String email) {
        return UUID.fromString(api.post("/api/v1/leads", org.adminToken(),
                Map.of("first_name", "Riya", "last_name", "Sharma", "email", email)).expect(201).data().get("id")
                .asString());
    }

    private static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("Not within 30 s: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private JsonNode communication(Org org, String id) {
        return api.get("/api/v1/communications/" + id, org.adminToken()).expect(200).data();
    }

    private JsonNode deliveryOf(Org org, String communicationId) {
        for (JsonNode delivery : api.get("/api/v1/admin/message-deliveries?limit=200", org.adminToken()).expect(200)
                .data()) {
            if (delivery.get("communication_id").asString().equals(communicationId)) {
                return delivery;
            }
        }
        throw new AssertionError("No delivery for " + communicationId);
    }

    @Test
    void anEmailToALeadIsSentThroughTheOrganizationsSmtpServerWithOurMessageId() throws Exception {
        Org org = registerOrganization();
        connectEmail(org, FakeMail.smtpPort(), Map.of());
        String address = unique("riya") + "@student.test";
        UUID lead = lead(org, address);

        JsonNode queued = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "email", "subject", "Your offer letter", "body", "Dear Riya, your offer is ready.", "html",
                "<p>Dear Riya, your offer is <b>ready</b>.</p>")).expect(201).data();
        assertThat(queued.get("status").asString()).isEqualTo("queued");
        assertThat(queued.get("to_address").asString()).isEqualTo(address);
        String id = queued.get("id").asString();

        eventually("the mail reaches the server", () -> !FakeMail.receivedBy(address).isEmpty());
        MimeMessage mail = FakeMail.receivedBy(address).getFirst();
        assertThat(mail.getMessageID()).isEqualTo(queued.get("email_message_id").asString());
        assertThat(mail.getMessageID()).startsWith("<" + id + "@");
        assertThat(mail.getSentDate()).isNotNull();
        assertThat(mail.getSubject()).isEqualTo("Your offer letter");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("admissions@" + org.slug() + ".test");
        assertThat(((InternetAddress) mail.getFrom()[0]).getPersonal()).isEqualTo("Admissions Desk");
        assertThat(mail.getContentType()).startsWith("multipart/");
        assertThat(mail.getHeader("List-Unsubscribe")).isNull();

        eventually("the message is sent", () -> communication(org, id).get("status").asString().equals("sent"));
        JsonNode delivery = deliveryOf(org, id);
        assertThat(delivery.get("status").asString()).isEqualTo("sent");
        assertThat(delivery.get("adapter").asString()).isEqualTo("SmtpEmailAdapter");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);

        JsonNode timeline = api.get("/api/v1/leads/" + lead + "/timeline", org.adminToken()).expect(200).data();
        assertThat(timeline.toString()).contains("Your offer letter");
    }

    @Test
    void bulkMailCarriesOneClickUnsubscribeAndTheLinkOptsTheStudentOut() throws Exception {
        Org org = registerOrganization();
        connectEmail(org, FakeMail.smtpPort(), Map.of());
        String address = unique("bulk") + "@student.test";
        UUID lead = lead(org, address);

        api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "email", "subject",
                "Open day on Saturday", "body", "Join us.", "bulk", true)).expect(201);
        eventually("the mail reaches the server", () -> !FakeMail.receivedBy(address).isEmpty());
        MimeMessage mail = FakeMail.receivedBy(address).getFirst();
        String header = mail.getHeader("List-Unsubscribe")[0];
        assertThat(header).contains("<mailto:admissions@" + org.slug() + ".test?subject=unsubscribe>");
        assertThat(mail.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        Matcher link = Pattern.compile("<(http[^>]+/unsubscribe/[^>]+)>").matcher(header);
        assertThat(link.find()).isTrue();
        String url = link.group(1);
        assertThat(mail.getContent().toString()).contains(url);

        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(address).contains("<form method=\"post\">");
        HttpResponse<String> oneClick = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).as(oneClick.body()).isEqualTo(200);
        assertThat(oneClick.body()).contains("unsubscribed");

        Response refused = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "email", "subject", "Another open day", "body", "Join us.", "bulk", true));
        refused.expect(422);
        assertThat(refused.errorField()).isEqualTo("lead_id");
        // a counselor's own one-to-one email still goes
        api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "email", "subject",
                "About your question", "body", "Here is the answer.")).expect(201);

        HttpResponse<String> forged = HTTP.send(HttpRequest.newBuilder(URI.create(url.substring(0, url.length() - 4)
                + "AAAA")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
    }

    @Test
    void anUnreachableServerIsRetriedThenDeadLetteredAndAReplaySendsIt() throws Exception {
        Org org = registerOrganization();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        connectEmail(org, closedPort, Map.of());
        String address = unique("retry") + "@student.test";
        UUID lead = lead(org, address);
        String id = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type", "email",
                "subject", "Documents checklist", "body", "Please send your transcripts.")).expect(201).data()
                .get("id").asString();

        eventually("the delivery is dead", () -> deliveryOf(org, id).get("status").asString().equals("dead"));
        JsonNode dead = deliveryOf(org, id);
        assertThat(dead.get("attempts").asInt()).isEqualTo(3);
        assertThat(dead.get("last_error").asString()).contains("Gave up after 3 attempts");
        assertThat(communication(org, id).get("status").asString()).isEqualTo("failed");
        assertThat(api.get("/api/v1/admin/message-deliveries?status=dead", org.adminToken()).expect(200).data()
                .toString()).contains(id);
        assertThat(FakeMail.receivedBy(address)).isEmpty();

        connectEmail(org, FakeMail.smtpPort(), Map.of());
        JsonNode replayed = api.post("/api/v1/admin/message-deliveries/" + dead.get("id").asString() + "/replay",
                org.adminToken(), Map.of()).expect(200).data();
        assertThat(replayed.get("status").asString()).isIn("pending", "sending", "sent");
        eventually("the replayed mail arrives", () -> !FakeMail.receivedBy(address).isEmpty());
        eventually("the message is sent", () -> communication(org, id).get("status").asString().equals("sent"));
        assertThat(FakeMail.receivedBy(address).getFirst().getHeader("X-Educonsult-Reference")[0])
                .isEqualTo(dead.get("id").asString());
        api.post("/api/v1/admin/message-deliveries/" + dead.get("id").asString() + "/replay", org.adminToken(),
                Map.of()).expect(409);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAndIsTriedAgain() throws Exception {
        Org org = registerOrganization();
        List<Socket> held = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!silent.isClosed()) {
                    try {
                        held.add(silent.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            connectEmail(org, silent.getLocalPort(), Map.of());
            UUID lead = lead(org, unique("silent") + "@student.test");
            String id = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                    "email", "subject", "Visa appointment", "body", "Your slot is confirmed.")).expect(201).data()
                    .get("id").asString();
            eventually("a second attempt", () -> deliveryOf(org, id).get("attempts").asInt() >= 2);
            JsonNode delivery = deliveryOf(org, id);
            assertThat(delivery.get("last_error").asString()).containsIgnoringCase("timed out");
            acceptor.interrupt();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void aReplyPostedToTheInboundWebhookIsThreadedToTheLeadOnceHoweverOftenItComes() {
        Org org = registerOrganization();
        String address = unique("reply") + "@student.test";
        UUID lead = lead(org, address);
        JsonNode sent = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "email", "subject", "Course options", "body", "Here are three courses.")).expect(201).data();
        String url = api.post("/api/v1/admin/email/inbound-webhook", org.adminToken(), Map.of()).expect(200).data()
                .get("url").asString();
        assertThat(api.get("/api/v1/admin/email/inbound-webhook", org.adminToken()).expect(200).data().get("url")
                .asString()).isEqualTo(url);
        String path = URI.create(url).getPath();

        Map<String, Object> reply = Map.of("from", "Riya's Father <father@family.test>", "to",
                "admissions@" + org.slug() + ".test", "subject", "Re: Course options", "text",
                "The second one, please.", "message_id", "<reply-1-" + org.slug() + "@family.test>",
                "in_reply_to", sent.get("email_message_id").asString());
        JsonNode first = api.post(path, null, reply).expect(200).data();
        assertThat(first.get("lead_id").asString()).isEqualTo(lead.toString());
        JsonNode again = api.post(path, null, reply).expect(200).data();
        assertThat(again.get("communication_id").asString()).isEqualTo(first.get("communication_id").asString());

        // a reply that names our message only in References is threaded too
        JsonNode byReferences = api.post(path, null, Map.of("from", "father@family.test", "subject", "Re: Re",
                "text", "One more thing", "message_id", "<reply-2-" + org.slug() + "@family.test>", "references",
                "<unknown@elsewhere.test> " + sent.get("email_message_id").asString())).expect(200).data();
        assertThat(byReferences.get("lead_id").asString()).isEqualTo(lead.toString());

        JsonNode history = api.get("/api/v1/communications/history?entity_type=lead&entity_id=" + lead,
                org.adminToken()).expect(200).data();
        assertThat(history).hasSize(3);
        assertThat(history.get(0).get("body").asString()).isEqualTo("One more thing");
        assertThat(history.get(2).get("direction").asString()).isEqualTo("outbound");
        assertThat(history.get(1).get("status").asString()).isEqualTo("received");
        assertThat(history.get(1).get("from_address").asString()).isEqualTo("father@family.test");

        api.post("/webhooks/email/inbound/not-a-token-of-anyone-at-all", null, reply).expect(404);
        Response invalid = api.post(path, null, Map.of("subject", "no sender"));
        invalid.expect(422);
        assertThat(invalid.errorField()).isEqualTo("from");
    }

    @Test
    void repliesInTheOrganizationsMailboxAreReadByImapAndThreadedBySenderAddress() throws Exception {
        Org org = registerOrganization();
        String mailbox = "inbox-" + org.slug() + "@school.test";
        GreenMailUser user = FakeMail.server().setUser(mailbox, "inbox-" + org.slug(), "imap-secret");
        api.post("/api/v1/admin/integrations/email/connect", org.adminToken(), Map.of("credentials", Map.of(
                "host", "localhost", "port", String.valueOf(FakeMail.smtpPort()), "security", "none",
                "from_address", mailbox, "imap_username", "inbox-" + org.slug(), "imap_password", "imap-secret"),
                "settings", Map.of("imap_host", "localhost", "imap_port", String.valueOf(FakeMail.imapPort()),
                        "imap_security", "none"))).expect(200);
        String address = unique("imap") + "@student.test";
        UUID lead = lead(org, address);
        String sentId = api.post("/api/v1/communications", org.adminToken(), Map.of("lead_id", lead, "type",
                "email", "subject", "Scholarship", "body", "You may apply.")).expect(201).data().get("id").asString();
        eventually("sent", () -> communication(org, sentId).get("status").asString().equals("sent"));

        MimeMessage reply = new MimeMessage(Session.getInstance(new Properties()));
        reply.setFrom(new InternetAddress(address, "Riya Sharma"));
        reply.setRecipient(Message.RecipientType.TO, new InternetAddress(mailbox));
        reply.setSubject("Re: Scholarship");
        reply.setText("How do I apply?");
        reply.setHeader("Message-ID", "<imap-reply-" + org.slug() + "@student.test>");
        reply.saveChanges();
        reply.setHeader("Message-ID", "<imap-reply-" + org.slug() + "@student.test>");
        user.deliver(reply);

        EmailAccounts.Account account = accounts.of(org.id()).orElseThrow();
        assertThat(poller.poll(org.id(), account)).isEqualTo(1);
        assertThat(poller.poll(org.id(), account)).isZero();

        JsonNode history = api.get("/api/v1/communications/history?entity_type=student&entity_id=" + lead,
                org.adminToken()).expect(200).data();
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("subject").asString()).isEqualTo("Re: Scholarship");
        assertThat(history.get(0).get("body").asString()).contains("How do I apply?");
        assertThat(history.get(0).get("direction").asString()).isEqualTo("inbound");
    }

    @Test
    void theConnectionTestSaysWhetherTheSmtpServerAnswers() throws Exception {
        Org org = registerOrganization();
        connectEmail(org, FakeMail.smtpPort(), Map.of());
        JsonNode ok = api.post("/api/v1/admin/integrations/email/test", org.adminToken(), Map.of()).expect(200).data();
        assertThat(ok.get("ok").asBoolean()).isTrue();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        connectEmail(org, closedPort, Map.of());
        JsonNode failed = api.post("/api/v1/admin/integrations/email/test", org.adminToken(), Map.of()).expect(200)
                .data();
        assertThat(failed.get("ok").asBoolean()).isFalse();
        assertThat(failed.get("message").asString()).contains("Could not connect to localhost:" + closedPort);
    }
}
