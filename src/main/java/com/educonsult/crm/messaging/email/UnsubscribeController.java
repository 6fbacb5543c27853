package com.educonsult.crm.messaging.email;

import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.Consents;
import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.PublicEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The unsubscribe link of bulk mail: GET shows a page asking to confirm (so that a mail scanner following links
 * unsubscribes no one), POST (the page's button, or a mail client's one-click per RFC 8058) opts the address out of
 * the organization's email.
 */
@RestController
@PublicEndpoint
@Tag(name = "Unsubscribe")
class UnsubscribeController {

    private final UnsubscribeLinks links;
    private final Consents consents;
    private final Tenancy tenancy;
    private final UserDirectory users;

    UnsubscribeController(UnsubscribeLinks links, Consents consents, Tenancy tenancy, UserDirectory users) {
        this.links = links;
        this.consents = consents;
        this.tenancy = tenancy;
        this.users = users;
    }

    @GetMapping("/unsubscribe/{token}")
    @Operation(summary = "The page that asks a bulk mail's recipient to confirm unsubscribing")
    @ApiResponse(responseCode = "200", description = "The page", content = @Content(mediaType = "text/html",
            schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "The link is not one of ours", content = @Content(
            mediaType = "text/html", schema = @Schema(type = "string")))
    ResponseEntity<String> confirm(@PathVariable String token) {
        var subscriber = links.open(token).orElse(null);
        if (subscriber == null) {
            return page(HttpStatus.NOT_FOUND, "Link not valid", "<p>This unsubscribe link is not valid. Copy the "
                    + "whole link from the email, or reply to the email with the word unsubscribe.</p>");
        }
        String organization = tenancy.callAs(subscriber.organizationId(),
                () -> users.organizationName(subscriber.organizationId()));
        return page(HttpStatus.OK, "Unsubscribe", "<p>Stop emails from <strong>" + HtmlUtils.htmlEscape(organization)
                + "</strong> to <strong>" + HtmlUtils.htmlEscape(subscriber.address()) + "</strong>?</p>"
                + "<form method=\"post\"><button type=\"submit\">Unsubscribe</button></form>"
                + "<p>Messages you ask for (replies to your own emails) may still reach you.</p>");
    }

    @PostMapping("/unsubscribe/{token}")
    @Operation(summary = "Unsubscribe: opts the address out of the organization's bulk and automated email",
            description = "Taken as the confirm page's button or as a mail client's one-click unsubscribe "
                    + "(List-Unsubscribe-Post: List-Unsubscribe=One-Click); repeating it changes nothing.")
    @ApiResponse(responseCode = "200", description = "The address is unsubscribed", content = @Content(
            mediaType = "text/html", schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "The link is not one of ours", content = @Content(
            mediaType = "text/html", schema = @Schema(type = "string")))
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        var subscriber = links.open(token).orElse(null);
        if (subscriber == null) {
            return page(HttpStatus.NOT_FOUND, "Link not valid", "<p>This unsubscribe link is not valid.</p>");
        }
        tenancy.runAs(subscriber.organizationId(), () -> consents.optOut(subscriber.organizationId(), Channel.EMAIL,
                subscriber.address(), "unsubscribe_link"));
        return page(HttpStatus.OK, "Unsubscribed", "<p>You are unsubscribed: <strong>"
                + HtmlUtils.htmlEscape(subscriber.address()) + "</strong> will get no more bulk emails from us.</p>");
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;"
                + "line-height:1.5}button{font:inherit;padding:.5rem 1.25rem;cursor:pointer}</style></head><body><h1>"
                + title + "</h1>" + body + "</body></html>";
        return ResponseEntity.status(status).contentType(new MediaType("text", "html",
                java.nio.charset.StandardCharsets.UTF_8)).header("Cache-Control", "no-store").body(html);
    }
}
