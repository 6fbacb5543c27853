package com.educonsult.crm.messaging.campaigns;

import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.secrets.SecretBox;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Tracked email: each link of a campaign email rewritten to {@code /t/c/{token}} (the click is counted, then the
 * reader is sent on to the link) and a 1x1 image {@code /t/o/{token}.gif} counting the open. A token carries the
 * organization, the recipient and (for a link) its address, signed with a key derived from the server's secret key,
 * so it can be neither forged nor altered into a redirect elsewhere.
 */
@Component
public class Tracking {

    /** Links in text: http or https up to white space or a character that usually ends a link in prose. */
    static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"')\\]]+[^\\s<>\"')\\].,;:!?]");
    private static final String CLICK = "campaign-click";
    private static final String OPEN = "campaign-open";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a valid token names. */
    public record Target(UUID organizationId, UUID recipientId, String url) {
    }

    private final SecretBox secrets;
    private final PublicUrl publicUrl;

    Tracking(SecretBox secrets, PublicUrl publicUrl) {
        this.secrets = secrets;
        this.publicUrl = publicUrl;
    }

    String clickUrl(UUID organizationId, UUID recipientId, String url) {
        return publicUrl.of("/t/c/" + token(CLICK, organizationId, recipientId, url));
    }

    String openUrl(UUID organizationId, UUID recipientId) {
        return publicUrl.of("/t/o/" + token(OPEN, organizationId, recipientId, "") + ".gif");
    }

    Optional<Target> click(String token) {
        return read(CLICK, token).filter(t -> LINK.matcher(t.url()).matches() || t.url().startsWith("http"));
    }

    Optional<Target> open(String token) {
        return read(OPEN, token);
    }

    /** The text with each link rewritten to its tracked address. */
    String trackLinks(String text, UUID organizationId, UUID recipientId) {
        if (text == null) {
            return null;
        }
        Matcher links = LINK.matcher(text);
        StringBuilder out = new StringBuilder();
        while (links.find()) {
            links.appendReplacement(out, Matcher.quoteReplacement(clickUrl(organizationId, recipientId,
                    links.group())));
        }
        links.appendTail(out);
        return out.toString();
    }

    /**
     * The HTML body of a campaign email from its text: escaped, paragraphs and line breaks kept, links clickable
     * (tracked when {@code track}), and the open pixel at the end when tracking.
     */
    String html(String text, UUID organizationId, UUID recipientId, boolean track) {
        String escaped = HtmlUtils.htmlEscape(text == null ? "" : text);
        Matcher links = LINK.matcher(escaped);
        StringBuilder body = new StringBuilder();
        while (links.find()) {
            String shown = links.group();
            String original = HtmlUtils.htmlUnescape(shown);
            String href = track ? clickUrl(organizationId, recipientId, original) : original;
            links.appendReplacement(body, Matcher.quoteReplacement("<a href=\"" + HtmlUtils.htmlEscape(href) + "\">"
                    + shown + "</a>"));
        }
        links.appendTail(body);
        StringBuilder html = new StringBuilder("<!doctype html><html><body>");
        for (String paragraph : body.toString().split("\\R\\R+")) {
            html.append("<p>").append(paragraph.replaceAll("\\R", "<br>")).append("</p>");
        }
        if (track) {
            html.append("<img src=\"").append(HtmlUtils.htmlEscape(openUrl(organizationId, recipientId)))
                    .append("\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">");
        }
        return html.append("</body></html>").toString();
    }

    private String token(String purpose, UUID organizationId, UUID recipientId, String url) {
        byte[] link = url.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bytes = ByteBuffer.allocate(32 + link.length);
        bytes.putLong(organizationId.getMostSignificantBits()).putLong(organizationId.getLeastSignificantBits())
                .putLong(recipientId.getMostSignificantBits()).putLong(recipientId.getLeastSignificantBits())
                .put(link);
        String payload = ENCODER.encodeToString(bytes.array());
        return payload + "." + secrets.sign(purpose, payload);
    }

    private Optional<Target> read(String purpose, String token) {
        if (token == null || token.length() > 8000) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        if (!secrets.verify(purpose, payload, token.substring(dot + 1))) {
            return Optional.empty();
        }
        try {
            ByteBuffer bytes = ByteBuffer.wrap(DECODER.decode(payload));
            if (bytes.remaining() < 32) {
                return Optional.empty();
            }
            UUID organization = new UUID(bytes.getLong(), bytes.getLong());
            UUID recipient = new UUID(bytes.getLong(), bytes.getLong());
            byte[] link = new byte[bytes.remaining()];
            bytes.get(link);
            return Optional.of(new Target(organization, recipient, new String(link, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
