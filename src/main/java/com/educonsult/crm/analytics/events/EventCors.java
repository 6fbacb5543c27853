package com.educonsult.crm.analytics.events;

import com.educonsult.crm.platform.security.PathCorsPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;

/**
 * Events sent with a public key ({@code ?key=}) may come cross-origin only from the key's origins: a preflight from
 * any other origin is refused (403, no CORS headers), and an actual request from one reaches the endpoint without
 * CORS headers, where it is refused with 403. Requests without a key keep the API's own CORS rules.
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
        return path(request).equals(PATH) && request.getParameter("key") != null;
    }

    @Override
    public CorsConfiguration configuration(HttpServletRequest request) {
        String origin = request.getHeader("Origin");
        Optional<PublicKeys.SiteKey> key = keys.find(request.getParameter("key"));
        if (key.isPresent() && key.get().allows(origin)) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(List.of(origin));
            cors.setAllowedMethods(List.of(HttpMethod.POST.name()));
            cors.setAllowedHeaders(List.of("Content-Type", "Accept"));
            cors.setExposedHeaders(List.of("Retry-After"));
            cors.setMaxAge(600L);
            return cors;
        }
        if (CorsUtils.isPreFlightRequest(request)) {
            return new CorsConfiguration();
        }
        return null;
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
