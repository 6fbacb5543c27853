package com.educonsult.crm.messaging.campaigns;

import static com.educonsult.crm.jooq.Tables.CAMPAIGN_RECIPIENTS;

import com.educonsult.crm.platform.Tenancy;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Base64;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public ends of tracked campaign email: a link's redirect and the open pixel. A token that does not verify is
 * "not found"; a valid one always answers (a failure to count is logged, never shown to the reader).
 */
@RestController
@PublicEndpoint
@Tag(name = "Campaigns")
class TrackingController {

    static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");
    private static final Logger log = LoggerFactory.getLogger(TrackingController.class);

    private final Tracking tracking;
    private final Tenancy tenancy;
    private final DSLContext db;
    private final Clock clock;

    TrackingController(Tracking tracking, Tenancy tenancy, DSLContext db, Clock clock) {
        this.tracking = tracking;
        this.tenancy = tenancy;
        this.db = db;
        this.clock = clock;
    }

    @GetMapping("/t/c/{token}")
    @Operation(summary = "A tracked link of a campaign email: counts the click, then redirects to the link",
            description = "404 for a token that was not made by this server.")
    @ApiResponse(responseCode = "302", description = "On to the link (Location)")
    ResponseEntity<Void> click(@PathVariable String token) {
        Tracking.Target target = tracking.click(token).orElseThrow(() -> ApiException.notFound("Link"));
        count(target, true);
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(target.url()))
                .cacheControl(CacheControl.noStore()).build();
    }

    @GetMapping("/t/o/{token}.gif")
    @Operation(summary = "The open pixel of a campaign email: counts the open, answers a 1x1 transparent GIF",
            description = "404 for a token that was not made by this server.")
    @ApiResponse(responseCode = "200", description = "The image",
            content = @Content(mediaType = "image/gif", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> open(@PathVariable String token) {
        Tracking.Target target = tracking.open(token).orElseThrow(() -> ApiException.notFound("Image"));
        count(target, false);
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore())
                .body(PIXEL);
    }

    private void count(Tracking.Target target, boolean click) {
        try {
            tenancy.runAs(target.organizationId(), () -> {
                var r = CAMPAIGN_RECIPIENTS;
                OffsetDateTime now = OffsetDateTime.now(clock);
                var update = click
                        ? db.update(r).set(r.CLICKS, r.CLICKS.plus(1))
                                .set(r.CLICKED_AT, DSL.coalesce(r.CLICKED_AT, DSL.val(now)))
                                // a click shows the mail was opened, even with images blocked
                                .set(r.OPENED_AT, DSL.coalesce(r.OPENED_AT, DSL.val(now)))
                        : db.update(r).set(r.OPENS, r.OPENS.plus(1))
                                .set(r.OPENED_AT, DSL.coalesce(r.OPENED_AT, DSL.val(now)));
                update.where(r.ORGANIZATION_ID.eq(target.organizationId()), r.ID.eq(target.recipientId())).execute();
            });
        } catch (RuntimeException e) {
            log.warn("Counting a campaign {} failed", click ? "click" : "open", e);
        }
    }
}
