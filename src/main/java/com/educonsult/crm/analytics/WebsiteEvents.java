package com.educonsult.crm.analytics;

import com.educonsult.crm.platform.security.CurrentUser;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Events from a consultancy's own website, for the console: the organization's public key (what the website sends
 * its events with, from the origins it allows), the snippet to paste into the site, and how many events arrived per
 * type and day. The same as {@code /api/v1/analytics/public-key} and {@code /api/v1/analytics/events/counts}.
 */
public interface WebsiteEvents {

    /** The key, where events are posted with it, and a script that posts a page view and offers more. */
    record Key(String publicKey, List<String> allowedOrigins, int perIpPerMinute, OffsetDateTime createdAt,
            OffsetDateTime rotatedAt, String endpointUrl, String snippet) {
    }

    record TypeCount(String eventType, long count) {
    }

    record DayCount(LocalDate day, long count) {
    }

    /** Counts over days of the organization's time zone; a day without events is listed with zero. */
    record Counts(String timeZone, LocalDate dateFrom, LocalDate dateTo, long total, List<TypeCount> byType,
            List<DayCount> byDay) {
    }

    Optional<Key> key(CurrentUser user);

    /**
     * Issues the key, or a new one in place of the old (which stops working at once); {@code allowedOrigins} null
     * keeps the origins. A bad origin is an {@link com.educonsult.crm.platform.web.ApiException} naming it.
     */
    Key issue(CurrentUser user, List<String> allowedOrigins);

    /** Changes the origins that may send events, keeping the key; 404 while there is none. */
    Key allowOrigins(CurrentUser user, List<String> allowedOrigins);

    /** Revokes the key: website events are refused until a new one is issued. */
    void revoke(CurrentUser user);

    /** The events per type and per day from {@code dateFrom} to {@code dateTo} (default: the last 30 days). */
    Counts counts(CurrentUser user, String dateFrom, String dateTo);
}
