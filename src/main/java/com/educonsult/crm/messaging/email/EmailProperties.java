package com.educonsult.crm.messaging.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email through each organization's own SMTP server (the {@code email} integration's credentials: host, port,
 * username, password, from_address, from_name; settings: security = starttls | ssl | none, and for replies
 * imap_host, imap_port, imap_security).
 *
 * @param connectTimeout how long connecting to an SMTP or IMAP server may take
 * @param readTimeout how long the server may take to answer a command
 * @param messageIdDomain the domain of our Message-IDs; empty for the host of the server's public address
 * @param imapPollInterval how often the inboxes of organizations with IMAP settings are read for replies
 * @param imapBatchSize messages read from one inbox per poll
 * @param maxInboundBytes the largest body the inbound-mail webhook takes
 */
@ConfigurationProperties("crm.messaging.email")
public record EmailProperties(
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("") String messageIdDomain,
        @DefaultValue("1m") Duration imapPollInterval,
        @DefaultValue("50") int imapBatchSize,
        @DefaultValue("1048576") int maxInboundBytes) {
}
