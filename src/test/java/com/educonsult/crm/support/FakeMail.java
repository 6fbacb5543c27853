package com.educonsult.crm.support;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;

/**
 * One local mail server (SMTP and IMAP, GreenMail) for the whole test run, as {@link FakeProviders} is for HTTP
 * providers. Any SMTP login is taken; each test uses addresses of its own, so tests never see each other's mail.
 */
public final class FakeMail {

    private static final GreenMail SERVER = start();

    private FakeMail() {
    }

    public static GreenMail server() {
        return SERVER;
    }

    public static int smtpPort() {
        return SERVER.getSmtp().getPort();
    }

    public static int imapPort() {
        return SERVER.getImap().getPort();
    }

    /** The mails received so far for the address. */
    public static List<MimeMessage> receivedBy(String address) {
        return Arrays.stream(SERVER.getReceivedMessages()).filter(message -> {
            try {
                var recipients = message.getRecipients(Message.RecipientType.TO);
                return recipients != null && Arrays.stream(recipients)
                        .anyMatch(r -> r.toString().toLowerCase().contains(address.toLowerCase()));
            } catch (MessagingException e) {
                return false;
            }
        }).toList();
    }

    private static GreenMail start() {
        ServerSetup[] setups = Arrays.stream(ServerSetupTest.SMTP_IMAP).map(ServerSetup::dynamicPort)
                .toArray(ServerSetup[]::new);
        GreenMail server = new GreenMail(setups).withConfiguration(GreenMailConfiguration.aConfig()
                .withDisabledAuthentication());
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
