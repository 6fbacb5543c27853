package com.educonsult.crm.messaging.email;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The headers of an outgoing email that the hub decides (the SMTP adapter adds Date and the MIME ones): our
 * Message-ID, In-Reply-To and References when replying, and on bulk mail List-Unsubscribe (mailto and one-click
 * https, RFC 8058) with List-Unsubscribe-Post, plus an unsubscribe link at the end of the text and HTML bodies.
 */
@Component
public class EmailHeaders {

    /** The headers, and the bodies with the unsubscribe link when bulk. */
    public record Prepared(Map<String, String> headers, String text, String html) {
    }

    private final UnsubscribeLinks links;
    private final EmailAccounts accounts;

    EmailHeaders(UnsubscribeLinks links, EmailAccounts accounts) {
        this.links = links;
        this.accounts = accounts;
    }

    public Prepared prepare(UUID organizationId, String to, String messageId, String inReplyTo, boolean bulk,
            String text, String html) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (messageId != null) {
            headers.put("Message-ID", messageId);
        }
        if (inReplyTo != null && !inReplyTo.isBlank()) {
            headers.put("In-Reply-To", inReplyTo);
            headers.put("References", inReplyTo);
        }
        if (bulk && to != null) {
            String url = links.url(organizationId, to);
            String mailbox = accounts.of(organizationId).map(EmailAccounts.Account::fromAddress).orElse(null);
            headers.put("List-Unsubscribe", (mailbox == null ? "" : "<mailto:" + mailbox + "?subject=unsubscribe>, ")
                    + "<" + url + ">");
            headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            headers.put("Precedence", "bulk");
            text = (text == null ? "" : text + "\n\n") + "To stop receiving these emails, unsubscribe: " + url;
            if (html != null) {
                html = html + "<p style=\"font-size:12px;color:#666\">To stop receiving these emails, <a href=\""
                        + HtmlUtils.htmlEscape(url) + "\">unsubscribe</a>.</p>";
            }
        }
        return new Prepared(headers, text, html);
    }
}
