package com.educonsult.crm.messaging.email;

import com.educonsult.crm.integrations.IntegrationRegistry;
import com.educonsult.crm.integrations.IntegrationType;
import com.educonsult.crm.platform.Tenancy;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Each organization's mail account, from its {@code email} integration: SMTP to send (required: host and
 * from_address), IMAP to read replies (optional: the imap_host setting). Kept for half a minute per server, so a
 * campaign does not open the sealed credentials once per message.
 */
@Component
public class EmailAccounts {

    /** One organization's mail account. */
    public record Account(String host, int port, String security, String username, String password,
            String fromAddress, String fromName, String imapHost, int imapPort, String imapSecurity,
            String imapUsername, String imapPassword) {

        public boolean readsReplies() {
            return imapHost != null && !imapHost.isBlank();
        }
    }

    private final IntegrationRegistry registry;
    private final Tenancy tenancy;
    private final Cache<UUID, Optional<Account>> cache = Caffeine.newBuilder()
            .maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

    EmailAccounts(IntegrationRegistry registry, Tenancy tenancy) {
        this.registry = registry;
        this.tenancy = tenancy;
    }

    /** The organization's account when its email integration is connected with an SMTP host and a sender. */
    public Optional<Account> of(UUID organizationId) {
        return cache.get(organizationId, id -> tenancy.callAs(id, () -> read()));
    }

    /** Forgets what this server keeps of the organization's account (after a change). */
    public void forget(UUID organizationId) {
        cache.invalidate(organizationId);
    }

    private Optional<Account> read() {
        return registry.credentials(IntegrationType.EMAIL).flatMap(credentials -> {
            Map<String, Object> settings = registry.settings(IntegrationType.EMAIL);
            return of(credentials, settings);
        });
    }

    /** The account the credentials and settings describe; empty without an SMTP host or a sender address. */
    static Optional<Account> of(Map<String, String> credentials, Map<String, Object> settings) {
        String host = value(credentials, settings, "host");
        String from = value(credentials, settings, "from_address");
        if (host == null || from == null) {
            return Optional.empty();
        }
        String security = Optional.ofNullable(value(credentials, settings, "security")).orElse("starttls");
        int port = number(value(credentials, settings, "port"), "ssl".equals(security) ? 465 : 587);
        String imapSecurity = Optional.ofNullable(value(credentials, settings, "imap_security")).orElse("ssl");
        String username = value(credentials, settings, "username");
        String password = value(credentials, settings, "password");
        return Optional.of(new Account(host, port, security, username, password, from,
                value(credentials, settings, "from_name"), value(credentials, settings, "imap_host"),
                number(value(credentials, settings, "imap_port"), "ssl".equals(imapSecurity) ? 993 : 143),
                imapSecurity,
                Optional.ofNullable(value(credentials, settings, "imap_username")).orElse(username),
                Optional.ofNullable(value(credentials, settings, "imap_password")).orElse(password)));
    }

    private static String value(Map<String, String> credentials, Map<String, Object> settings, String key) {
        Object value = credentials.containsKey(key) ? credentials.get(key) : settings.get(key);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return value.toString().trim();
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
