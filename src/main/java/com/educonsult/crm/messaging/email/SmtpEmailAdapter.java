package com.educonsult.crm.messaging.email;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.ChannelAdapter;
import com.educonsult.crm.messaging.OutgoingMessage;
import com.educonsult.crm.messaging.SendOutcome;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.github.benmanes.caffeine.cache.Cache;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Email over each organization's own SMTP server (the {@code email} integration), with a JavaMailSender built per
 * account and kept while its settings stay the same. The message carries our Message-ID (so replies thread back
 * to it), Date, the hub's headers (In-Reply-To, References, List-Unsubscribe) and, when there is HTML, a
 * multipart/alternative body with the plain text beside it, and the attachments, read from document storage, in a
 * multipart/mixed one. A refusal of the recipient (5xx) is permanent; a
 * connection failure, a timeout or a 4xx answer is retried.
 */
@Component
class SmtpEmailAdapter implements ChannelAdapter {

    private final EmailAccounts accounts;
    private final EmailProperties properties;
    private final IntegrationLog integrationLog;
    private final IntegrationRegistry registry;
    private final Clock clock;
    private final ObjectStore store;
    private final Cache<EmailAccounts.Account, JavaMailSenderImpl> senders = Caffeine.newBuilder()
            .maximumSize(1_000).expireAfterAccess(Duration.ofHours(1)).build();

    SmtpEmailAdapter(EmailAccounts accounts, EmailProperties properties, IntegrationLog integrationLog,
            IntegrationRegistry registry, Clock clock, ObjectStore store) {
        this.store = store;
        this.accounts = accounts;
        this.properties = properties;
        this.integrationLog = integrationLog;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public boolean configuredFor(UUID organizationId) {
        return accounts.of(organizationId).isPresent();
    }

    @Override
    public SendOutcome send(OutgoingMessage message) {
        EmailAccounts.Account account = accounts.of(message.organizationId()).orElse(null);
        if (account == null) {
            return SendOutcome.retry("The organization's email integration is not connected");
        }
        JavaMailSenderImpl sender = senders.get(account, this::sender);
        String endpoint = "smtp://" + account.host() + ":" + account.port();
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.EMAIL, "SMTP", endpoint)
                .sent("To: " + message.to() + "\nSubject: " + message.subject() + "\nReference: "
                        + message.deliveryId());
        long started = System.nanoTime();
        try {
            MimeMessage mime = mime(sender.getSession(), message.headers().get("Message-ID"));
            boolean multipart = message.html() != null || !message.attachments().isEmpty();
            MimeMessageHelper helper = new MimeMessageHelper(mime, multipart, "UTF-8");
            helper.setFrom(from(account, message));
            helper.setTo(new InternetAddress(message.to(), true));
            helper.setSubject(message.subject() == null ? "" : message.subject());
            String text = message.text() == null ? "" : message.text();
            if (message.html() != null) {
                helper.setText(text, message.html());
            } else {
                helper.setText(text);
            }
            for (OutgoingMessage.Attachment file : message.attachments()) {
                // streamed from storage while the message is written to the server, never held whole in memory
                helper.addAttachment(file.fileName(), () -> store.open(file.key()), file.contentType());
            }
            keepBytesExact(helper);
            helper.setSentDate(Date.from(clock.instant()));
            for (Map.Entry<String, String> header : message.headers().entrySet()) {
                if (!"Message-ID".equalsIgnoreCase(header.getKey())) {
                    mime.setHeader(header.getKey(), header.getValue());
                }
            }
            mime.setHeader("X-Educonsult-Reference", message.deliveryId().toString());
            sender.send(mime);
            integrationLog.record(message.organizationId(), entry.answered(250, "accepted", millis(started)));
            String id = message.headers().get("Message-ID");
            return SendOutcome.sent(id != null ? id : mime.getMessageID());
        } catch (ObjectStore.MissingObjectException e) {
            return failed(message, entry, started, missing(e), false);
        } catch (MailAuthenticationException e) {
            return failed(message, entry, started, "The SMTP server refused the username or password", true);
        } catch (MailSendException e) {
            ObjectStore.MissingObjectException gone = missingObject(e);
            if (gone != null) {
                return failed(message, entry, started, missing(gone), false);
            }
            return refusedOrRetry(message, entry, started, e);
        } catch (MailException | MessagingException | UnsupportedEncodingException e) {
            if (e instanceof jakarta.mail.internet.AddressException) {
                return failed(message, entry, started, "Not an email address: " + message.to(), false);
            }
            return failed(message, entry, started, reason(e), true);
        }
    }

    private SendOutcome refusedOrRetry(OutgoingMessage message, IntegrationLog.Entry entry, long started,
            MailSendException e) {
        for (Exception cause : e.getFailedMessages().values()) {
            Throwable t = cause;
            while (t != null) {
                int code = replyCode(t.getMessage());
                if (code >= 500) {
                    return failed(message, entry, started, "The server refused the message: "
                            + t.getMessage().trim(), false);
                }
                t = t instanceof SendFailedException s && s.getNextException() != null ? s.getNextException()
                        : t.getCause();
            }
        }
        return failed(message, entry, started, reason(e), true);
    }

    /**
     * Sends every attachment base64-encoded: JavaMail would send a file that happens to be plain ASCII (a CSV, a
     * text-only PDF) as 7bit, which turns its line ends into CRLF on the way.
     */
    private static void keepBytesExact(MimeMessageHelper helper) throws MessagingException {
        if (!helper.isMultipart()) {
            return;
        }
        MimeMultipart root = helper.getRootMimeMultipart();
        for (int i = 0; i < root.getCount(); i++) {
            BodyPart part = root.getBodyPart(i);
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                part.setHeader("Content-Transfer-Encoding", "base64");
            }
        }
    }

    /** The missing attachment that stopped the message being written, if that is what happened. */
    private static ObjectStore.MissingObjectException missingObject(MailSendException e) {
        for (Exception failure : e.getFailedMessages().values()) {
            for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ObjectStore.MissingObjectException gone) {
                    return gone;
                }
            }
        }
        return null;
    }

    private static String missing(ObjectStore.MissingObjectException e) {
        return "An attachment is no longer in storage: " + e.getMessage();
    }

    /** What went wrong, in the words of the innermost cause (a refused connection, a timeout, the server's answer). */
    static String reason(Exception e) {
        Throwable cause = e;
        if (e instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
            cause = send.getFailedMessages().values().iterator().next();
        }
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof MessagingException messaging && messaging.getNextException() != null) {
            cause = messaging.getNextException();
        }
        String text = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage().trim();
        return "The mail server could not be reached or refused the message: " + text;
    }

    /** The SMTP reply code a server's answer starts with (JavaMail puts the answer in the message), else 0. */
    static int replyCode(String answer) {
        if (answer == null) {
            return 0;
        }
        String trimmed = answer.trim();
        if (trimmed.length() >= 3 && Character.isDigit(trimmed.charAt(0)) && Character.isDigit(trimmed.charAt(1))
                && Character.isDigit(trimmed.charAt(2)) && (trimmed.length() == 3 || !Character.isDigit(trimmed.charAt(3)))) {
            return Integer.parseInt(trimmed.substring(0, 3));
        }
        return 0;
    }

    private SendOutcome failed(OutgoingMessage message, IntegrationLog.Entry entry, long started, String reason,
            boolean retry) {
        integrationLog.record(message.organizationId(), entry.took(millis(started)).failed(reason));
        if (retry) {
            registry.failed(message.organizationId(), IntegrationType.EMAIL, reason);
            return SendOutcome.retry(reason);
        }
        return SendOutcome.rejected(reason);
    }

    private static InternetAddress from(EmailAccounts.Account account, OutgoingMessage message)
            throws UnsupportedEncodingException, jakarta.mail.internet.AddressException {
        String address = message.from() != null && !message.from().isBlank() ? message.from() : account.fromAddress();
        InternetAddress from = new InternetAddress(address, true);
        if (account.fromName() != null) {
            from.setPersonal(account.fromName(), "UTF-8");
        }
        return from;
    }

    /** A message that keeps the Message-ID we give it (JavaMail otherwise makes its own when it is saved). */
    private static MimeMessage mime(Session session, String messageId) {
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                if (messageId != null) {
                    setHeader("Message-ID", messageId);
                } else {
                    super.updateMessageID();
                }
            }
        };
    }

    JavaMailSenderImpl sender(EmailAccounts.Account account) {
        return sender(account, properties);
    }

    static JavaMailSenderImpl sender(EmailAccounts.Account account, EmailProperties properties) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(account.host());
        sender.setPort(account.port());
        sender.setUsername(account.username());
        sender.setPassword(account.password());
        sender.setDefaultEncoding("UTF-8");
        boolean ssl = "ssl".equals(account.security());
        sender.setProtocol(ssl ? "smtps" : "smtp");
        Properties props = new Properties();
        String prefix = ssl ? "mail.smtps." : "mail.smtp.";
        props.put(prefix + "auth", String.valueOf(account.username() != null));
        props.put(prefix + "connectiontimeout", String.valueOf(properties.connectTimeout().toMillis()));
        props.put(prefix + "timeout", String.valueOf(properties.readTimeout().toMillis()));
        props.put(prefix + "writetimeout", String.valueOf(properties.readTimeout().toMillis()));
        if ("starttls".equals(account.security())) {
            props.put("mail.smtp.starttls.enable", "true");
        }
        sender.setJavaMailProperties(props);
        return sender;
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
