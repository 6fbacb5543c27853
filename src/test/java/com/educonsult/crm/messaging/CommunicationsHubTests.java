package com.educonsult.crm.messaging;

import static com.educonsult.crm.jooq.Tables.COMMUNICATIONS;
import static com.educonsult.crm.jooq.Tables.MESSAGE_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.support.ApiTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CommunicationsHubTests extends ApiTest {

    @Autowired
    Communications communications;

    @Autowired
    Consents consents;

    private UUID lead(Org org, String phone, String email) {
        return UUID.fromString(api.post("/api/v1/leads", org.adminToken(),
                Map.of("first_name", "Riya", "phone", phone, "email", email)).expect(201).data().get("id").asString());
    }

    @Test
    void queuedMessagesGoToTheLeadsAddressesWithOneDeliveryEach() {
        Org org = registerOrganization();
        UUID lead = lead(org, "9876500011", "riya.hub@example.com");
        List<UUID> ids = tenancy.callAs(org.id(), () -> communications.enqueue(org.id(), List.of(
                new NewMessage(lead, Channel.EMAIL, null, "Hello", "Hi Riya", null, null, null, null, null, null,
                        false, org.adminId()),
                new NewMessage(lead, Channel.SMS, null, null, "Hi Riya", null, null, "1207", null, List.of("a"),
                        null, true, null))));
        assertThat(ids).hasSize(2);
        tenancy.runAs(org.id(), () -> {
            var first = db.selectFrom(COMMUNICATIONS).where(COMMUNICATIONS.ID.eq(ids.get(0))).fetchOne();
            assertThat(first.getToAddress()).isEqualTo("riya.hub@example.com");
            assertThat(first.getStatus()).isEqualTo("queued");
            assertThat(first.getEmailMessageId()).startsWith("<" + ids.get(0) + "@");
            var second = db.selectFrom(COMMUNICATIONS).where(COMMUNICATIONS.ID.eq(ids.get(1))).fetchOne();
            assertThat(second.getToAddress()).isEqualTo("+919876500011");
            assertThat(db.fetchCount(MESSAGE_DELIVERIES, MESSAGE_DELIVERIES.COMMUNICATION_ID.in(ids)
                    .and(MESSAGE_DELIVERIES.STATUS.eq("pending")))).isEqualTo(2);
        });
    }

    @Test
    void aRepeatedInboundMessageIsRecordedOnceAndStatusesMoveForwardOnly() {
        Org org = registerOrganization();
        UUID lead = lead(org, "9876500012", "riya.in@example.com");
        InboundMessage message = new InboundMessage(Channel.WHATSAPP, null, "+919876500012", null, null, "Hello",
                null, "wamid.hub-1", null, null, OffsetDateTime.now());
        UUID first = tenancy.callAs(org.id(), () -> communications.recordInbound(org.id(), message));
        UUID again = tenancy.callAs(org.id(), () -> communications.recordInbound(org.id(), message));
        assertThat(again).isEqualTo(first);
        tenancy.runAs(org.id(), () -> assertThat(db.select(COMMUNICATIONS.LEAD_ID).from(COMMUNICATIONS)
                .where(COMMUNICATIONS.ID.eq(first)).fetchOne(COMMUNICATIONS.LEAD_ID)).isEqualTo(lead));

        UUID sent = tenancy.callAs(org.id(), () -> communications.enqueue(org.id(), List.of(new NewMessage(lead,
                Channel.WHATSAPP, null, null, "Hi", null, null, null, null, null, null, false, null)))).get(0);
        tenancy.runAs(org.id(), () -> db.update(COMMUNICATIONS).set(COMMUNICATIONS.PROVIDER_MESSAGE_ID, "wamid.hub-2")
                .where(COMMUNICATIONS.ID.eq(sent)).execute());
        assertThat(tenancy.callAs(org.id(), () -> communications.updateStatus(org.id(), Channel.WHATSAPP,
                "wamid.hub-2", DeliveryStatus.READ, null, null))).isTrue();
        assertThat(tenancy.callAs(org.id(), () -> communications.updateStatus(org.id(), Channel.WHATSAPP,
                "wamid.hub-2", DeliveryStatus.DELIVERED, null, null))).isTrue();
        assertThat(tenancy.callAs(org.id(), () -> communications.updateStatus(org.id(), Channel.WHATSAPP,
                "wamid.unknown", DeliveryStatus.DELIVERED, null, null))).isFalse();
        tenancy.runAs(org.id(), () -> assertThat(db.select(COMMUNICATIONS.STATUS).from(COMMUNICATIONS)
                .where(COMMUNICATIONS.ID.eq(sent)).fetchOne(COMMUNICATIONS.STATUS)).isEqualTo("read"));
    }

    @Test
    void anOptedOutAddressIsKnownWhateverWayItIsWritten() {
        Org org = registerOrganization();
        tenancy.runAs(org.id(), () -> consents.optOut(org.id(), Channel.SMS, "98765 00013", "stop_reply"));
        assertThat(tenancy.callAs(org.id(), () -> consents.optedOut(org.id(), Channel.SMS, "+919876500013"))).isTrue();
        assertThat(tenancy.callAs(org.id(), () -> consents.optedOut(org.id(), Channel.WHATSAPP, "+919876500013")))
                .isFalse();
        tenancy.runAs(org.id(), () -> consents.optOut(org.id(), Channel.EMAIL, "Riya@Example.com", "unsubscribe_link"));
        assertThat(tenancy.callAs(org.id(), () -> consents.optedOut(org.id(), Channel.EMAIL, "riya@example.COM")))
                .isTrue();
        tenancy.runAs(org.id(), () -> consents.optIn(org.id(), Channel.EMAIL, "riya@example.com", "admin"));
        assertThat(tenancy.callAs(org.id(), () -> consents.optedOut(org.id(), Channel.EMAIL, "riya@example.com")))
                .isFalse();
    }
}
