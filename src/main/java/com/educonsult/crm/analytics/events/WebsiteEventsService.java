package com.educonsult.crm.analytics.events;

import com.educonsult.crm.analytics.AnalyticsRange;
import com.educonsult.crm.analytics.WebsiteEvents;
import com.educonsult.crm.identity.UserDirectory;
import com.educonsult.crm.platform.PublicUrl;
import com.educonsult.crm.platform.security.CurrentUser;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.stereotype.Service;

@Service
class WebsiteEventsService implements WebsiteEvents {

    private final PublicKeys keys;
    private final AnalyticsEvents events;
    private final UserDirectory users;
    private final PublicUrl publicUrl;
    private final Clock clock;

    WebsiteEventsService(PublicKeys keys, AnalyticsEvents events, UserDirectory users, PublicUrl publicUrl,
            Clock clock) {
        this.keys = keys;
        this.events = events;
        this.users = users;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    @Override
    public Optional<Key> key(CurrentUser user) {
        return keys.find(user).map(this::key);
    }

    @Override
    public Key issue(CurrentUser user, List<String> allowedOrigins) {
        return key(keys.issue(user, new PublicKeys.KeyRequest(allowedOrigins, null)));
    }

    @Override
    public Key allowOrigins(CurrentUser user, List<String> allowedOrigins) {
        return key(keys.update(user, new PublicKeys.KeyRequest(allowedOrigins, null)));
    }

    @Override
    public void revoke(CurrentUser user) {
        keys.revoke(user);
    }

    @Override
    public Counts counts(CurrentUser user, String dateFrom, String dateTo) {
        var zone = users.timeZone(user.organizationId());
        AnalyticsRange range = AnalyticsRange.of(dateFrom, dateTo, 30, zone, clock);
        AnalyticsEvents.Counts counts = events.counts(user.organizationId(), range, null);
        Map<LocalDate, Long> perDay = new TreeMap<>();
        for (LocalDate day = range.from(); !day.isAfter(range.to()); day = day.plusDays(1)) {
            perDay.put(day, 0L);
        }
        counts.byDay().forEach(d -> perDay.merge(d.day(), d.count(), Long::sum));
        List<DayCount> days = new ArrayList<>();
        perDay.forEach((day, count) -> days.add(new DayCount(day, count)));
        return new Counts(counts.timeZone(), counts.dateFrom(), counts.dateTo(), counts.total(),
                counts.byType().stream().map(t -> new TypeCount(t.eventType(), t.count())).toList(), days);
    }

    private Key key(PublicKeys.KeyView key) {
        String endpoint = publicUrl.of("/api/v1/analytics/events?key=" + key.publicKey());
        return new Key(key.publicKey(), key.allowedOrigins(), key.perIpPerMinute(), key.createdAt(), key.rotatedAt(),
                endpoint, snippet(endpoint));
    }

    /**
     * A script for the website's pages: it keeps an anonymous visitor id in the browser, records the page view and
     * offers {@code educonsultTrack(type, properties)} for anything else (a form opened, a brochure downloaded).
     */
    static String snippet(String endpoint) {
        return """
                <script>
                (function () {
                  var url = "%s";
                  var visitor = localStorage.getItem("educonsult_visitor");
                  if (!visitor) {
                    visitor = window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(36).slice(2);
                    localStorage.setItem("educonsult_visitor", visitor);
                  }
                  window.educonsultTrack = function (eventType, properties) {
                    fetch(url, { method: "POST", keepalive: true, headers: { "Content-Type": "application/json" },
                      body: JSON.stringify({ event_type: eventType, visitor_id: visitor, properties: properties || {} }) });
                  };
                  educonsultTrack("page_view", { path: location.pathname, referrer: document.referrer });
                })();
                </script>""".formatted(endpoint);
    }
}
