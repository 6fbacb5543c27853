package com.educonsult.crm.messaging.whatsapp;

import static com.educonsult.crm.jooq.Tables.WHATSAPP_CONVERSATIONS;

import com.educonsult.crm.identity.DemoOrganizationSeeded.Member;
import com.educonsult.crm.leads.DemoLeadsSeeded;
import com.educonsult.crm.leads.DemoLeadsSeeded.DemoLead;
import com.educonsult.crm.messaging.Inbox;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The demo organization's WhatsApp inbox: students who wrote in, some answered by their counselor (sent in demo
 * mode), some still waiting and unread, one whose 24-hour window has closed so that only templates are offered.
 * Received the way a real message is; the replies go through the outbox like every message.
 */
@Component
class DemoConversations {

    /** What a student wrote, how long ago, and the counselor's answer if they answered already. */
    private record Chat(List<String> studentSaid, Duration ago, String counselorAnswer) {
    }

    private static final List<Chat> CHATS = List.of(
            new Chat(List.of("Hi, I filled the form for MS in Canada. What are the fees for the September intake?"),
                    Duration.ofMinutes(35), null),
            new Chat(List.of("Hello! Is the IELTS coaching batch on weekends?", "I can only come on Saturdays"),
                    Duration.ofHours(2), "Yes, Saturdays 10 am to 1 pm at the Pune office. Shall I book a free demo class?"),
            new Chat(List.of("Can you share the list of universities in Germany without tuition fees?"),
                    Duration.ofHours(5), "Sure, I have mailed you the shortlist. Let us talk at 6 pm today?"),
            new Chat(List.of("Thank you for the call. My father wants to visit the office with me."),
                    Duration.ofHours(20), null),
            new Chat(List.of("Is the visa counselling session free?"), Duration.ofDays(3), null));

    private final WhatsAppDeliveries deliveries;
    private final Inbox inbox;
    private final DSLContext db;
    private final Clock clock;

    DemoConversations(WhatsAppDeliveries deliveries, Inbox inbox, DSLContext db, Clock clock) {
        this.deliveries = deliveries;
        this.inbox = inbox;
        this.db = db;
        this.clock = clock;
    }

    @EventListener
    @Order(100)
    @Transactional(propagation = Propagation.MANDATORY)
    void seed(DemoLeadsSeeded seeded) {
        UUID organizationId = seeded.organization().organizationId();
        Map<UUID, Member> members = seeded.organization().members().stream()
                .collect(Collectors.toMap(Member::id, Function.identity()));
        List<DemoLead> writers = seeded.leads().stream()
                .filter(lead -> lead.assignedTo() != null && lead.phone() != null).limit(CHATS.size()).toList();
        OffsetDateTime now = OffsetDateTime.now(clock);
        for (int i = 0; i < writers.size(); i++) {
            DemoLead lead = writers.get(i);
            Chat chat = CHATS.get(i);
            for (int n = 0; n < chat.studentSaid().size(); n++) {
                OffsetDateTime at = now.minus(chat.ago()).plusMinutes(n);
                deliveries.received(organizationId, "wamid.demo." + lead.id() + "." + n, lead.phone(),
                        lead.fullName(), at, "text", chat.studentSaid().get(n), null);
            }
            Member counselor = members.get(lead.assignedTo());
            if (chat.counselorAnswer() != null && counselor != null) {
                UUID conversationId = db.select(WHATSAPP_CONVERSATIONS.ID).from(WHATSAPP_CONVERSATIONS)
                        .where(WHATSAPP_CONVERSATIONS.ORGANIZATION_ID.eq(organizationId),
                                WHATSAPP_CONVERSATIONS.LEAD_ID.eq(lead.id()))
                        .fetchOne(WHATSAPP_CONVERSATIONS.ID);
                inbox.markRead(counselor.principal(), conversationId);
                inbox.reply(counselor.principal(), conversationId, new Inbox.Reply(chat.counselorAnswer(), null,
                        null, null));
            }
        }
    }
}
