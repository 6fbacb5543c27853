package com.educonsult.crm.messaging.email;

import com.educonsult.crm.integrations.IntegrationLog;
import com.educonsult.crm.integrations.IntegrationTester;
import com.educonsult.crm.integrations.IntegrationType;
import jakarta.mail.MessagingException;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** "Test connection" for email: connects to the SMTP server and logs in, and says what failed. */
@Component
class EmailTester implements IntegrationTester {

    private final EmailProperties properties;
    private final IntegrationLog integrationLog;

    EmailTester(EmailProperties properties, IntegrationLog integrationLog) {
        this.properties = properties;
        this.integrationLog = integrationLog;
    }

    @Override
    public IntegrationType type() {
        return IntegrationType.EMAIL;
    }

    @Override
    public Outcome test(UUID organizationId, Map<String, String> credentials, Map<String, Object> settings) {
        EmailAccounts.Account account = EmailAccounts.of(credentials, settings).orElse(null);
        if (account == null) {
            return new Outcome(false, "Email needs an SMTP host and a from_address");
        }
        String endpoint = "smtp://" + account.host() + ":" + account.port();
        IntegrationLog.Entry entry = IntegrationLog.Entry.outbound(IntegrationType.EMAIL, "CONNECT", endpoint);
        long started = System.nanoTime();
        try {
            SmtpEmailAdapter.sender(account, properties).testConnection();
            integrationLog.record(organizationId, entry.answered(250, "connected", millis(started)));
            return new Outcome(true, "Connected to " + account.host() + ":" + account.port() + " and logged in");
        } catch (jakarta.mail.AuthenticationFailedException e) {
            return failed(organizationId, entry, started, "The SMTP server refused the username or password");
        } catch (MessagingException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
            return failed(organizationId, entry, started, "Could not connect to " + account.host() + ":"
                    + account.port() + ": " + reason);
        }
    }

    private Outcome failed(UUID organizationId, IntegrationLog.Entry entry, long started, String reason) {
        integrationLog.record(organizationId, entry.took(millis(started)).failed(reason));
        return new Outcome(false, reason);
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
