package com.educonsult.crm.messaging.email;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.Tenancy;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads replies by IMAP: every poll interval (once across servers), the inbox of each organization whose email
 * integration has IMAP settings; unread mails are recorded ({@link InboundMail}, once per Message-ID) and marked
 * read. A mail that cannot be recorded stays unread and is tried at the next poll.
 */
@Configuration(proxyBeanMethods = false)
public class ImapPoller {

    private static final Logger log = LoggerFactory.getLogger(ImapPoller.class);

    private final EmailAccounts accounts;
    private final EmailProperties properties;
    private final InboundMail inbound;
    private final Tenancy tenancy;
    private final IntegrationLog integrationLog;
    private final IntegrationRegistry registry;
    private final UserDirectory users;
    private final Clock clock;

    ImapPoller(EmailAccounts accounts, EmailProperties properties, InboundMail inbound, Tenancy tenancy,
            IntegrationLog integrationLog, IntegrationRegistry registry, UserDirectory users, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.inbound = inbound;
        this.tenancy = tenancy;
        this.integrationLog = integrationLog;
        this.registry = registry;
        this.users = users;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> emailReplies() {
        return Tasks.recurring("email-replies", Schedules.fixedDelay(properties.imapPollInterval()))
                .execute((instance, context) -> pollAll());
    }

    /** One poll of every organization that reads replies by IMAP; answers how many mails were recorded. */
    public int pollAll() {
        int recorded = 0;
        for (UUID organizationId : users.activeOrganizations()) {
            try {
                var account = accounts.of(organizationId).filter(EmailAccounts.Account::readsReplies).orElse(null);
                if (account != null) {
                    recorded += poll(organizationId, account);
                }
            } catch (RuntimeException e) {
                log.warn("Reading the replies of organization {} failed", organizationId, e);
            }
        }
        return recorded;
    }

    /** Reads the organization's unread mails; answers how many were recorded. */
    public int poll(UUID organizationId, EmailAccounts.Account account) {
        boolean ssl = "ssl".equals(account.imapSecurity());
        String protocol = ssl ? "imaps" : "imap";
        Properties props = new Properties();
        props.put("mail." + protocol + ".connectiontimeout", String.valueOf(properties.connectTimeout().toMillis()));
        props.put("mail." + protocol + ".timeout", String.valueOf(properties.readTimeout().toMillis()));
        if ("starttls".equals(account.imapSecurity())) {
            props.put("mail.imap.starttls.enable", "true");
        }
        String endpoint = protocol + "://" + account.imapHost() + ":" + account.imapPort();
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.EMAIL, "FETCH", endpoint);
        long started = System.nanoTime();
        int recorded = 0;
        try (Store store = Session.getInstance(props).getStore(protocol)) {
            store.connect(account.imapHost(), account.imapPort(), account.imapUsername(), account.imapPassword());
            Folder folder = store.getFolder("INBOX");
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                for (Message message : Arrays.copyOf(unread, Math.min(unread.length, properties.imapBatchSize()))) {
                    InboundMail.Mail mail = parse(message);
                    tenancy.runAs(organizationId, () -> inbound.receive(organizationId, mail));
                    message.setFlag(Flags.Flag.SEEN, true);
                    recorded++;
                }
            } finally {
                folder.close(false);
            }
            integrationLog.record(organizationId, entry.answered(200, recorded + " mails read", millis(started)));
            return recorded;
        } catch (MessagingException | IOException e) {
            String reason = "Reading replies from " + endpoint + " failed: " + e.getMessage();
            integrationLog.record(organizationId, entry.took(millis(started)).failed(reason));
            registry.failed(organizationId, IntegrationType.EMAIL, reason);
            return recorded;
        }
    }

    private InboundMail.Mail parse(Message message) throws MessagingException, IOException {
        String[] messageId = message.getHeader("Message-ID");
        String[] inReplyTo = message.getHeader("In-Reply-To");
        String[] references = message.getHeader("References");
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        bodies(message, text, html);
        OffsetDateTime received = message.getReceivedDate() != null
                ? message.getReceivedDate().toInstant().atOffset(ZoneOffset.UTC)
                : message.getSentDate() != null ? message.getSentDate().toInstant().atOffset(ZoneOffset.UTC)
                : OffsetDateTime.now(clock);
        return new InboundMail.Mail(addresses(message.getFrom()), addresses(message.getRecipients(Message.RecipientType.TO)),
                message.getSubject(), text.isEmpty() ? null : text.toString(), html.isEmpty() ? null : html.toString(),
                first(messageId), first(inReplyTo), references == null ? null : String.join(" ", references), received);
    }

    private static void bodies(Part part, StringBuilder text, StringBuilder html) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && text.isEmpty() && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            text.append(part.getContent().toString());
        } else if (part.isMimeType("text/html") && html.isEmpty()
                && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            html.append(part.getContent().toString());
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                bodies(body, text, html);
            }
        }
    }

    private static String addresses(Address[] addresses) {
        return addresses == null ? null : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
