package com.educonsult.crm.analytics.events;

import com.educonsult.crm.platform.security.PathCorsPolicy;
import com.educonsult.crm.platform.web.SiteOriginCors;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Events sent with a public key ({@code ?key=}) may come cross-origin only from the key's origins (see
 * {@link SiteOriginCors}). Requests without a key keep the API's own CORS rules.
 */
@Component
class EventCors implements PathCorsPolicy {

    static final String PATH = "/api/v1/analytics/events";

    private final PublicKeys keys;

    EventCors(PublicKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean covers(HttpServletRequest request) {
        return SiteOriginCors.path(request).equals(PATH) && request.getParameter("key") != null;
    }

    @Override
    public CorsConfiguration configuration(HttpServletRequest request) {
        return SiteOriginCors.configuration(request, origin -> keys.find(request.getParameter("key"))
                .filter(key -> key.allows(origin)).isPresent());
    }
}
