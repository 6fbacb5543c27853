package com.educonsult.crm.integrations.forms;

import com.educonsult.crm.platform.security.PathCorsPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;

/**
 * A form's submissions may come cross-origin only from the origins its owner listed: a preflight from any other
 * origin is refused (403, no CORS headers), and an actual request from one reaches the endpoint without CORS
 * headers, where it is refused with 403.
 */
@Component
class FormCors implements PathCorsPolicy {

    static final String PREFIX = "/webhooks/forms/";

    private final PublishedForms forms;

    FormCors(PublishedForms forms) {
        this.forms = forms;
    }

    @Override
    public boolean covers(HttpServletRequest request) {
        return path(request).startsWith(PREFIX);
    }

    @Override
    public CorsConfiguration configuration(HttpServletRequest request) {
        String key = path(request).substring(PREFIX.length());
        String origin = request.getHeader("Origin");
        Optional<PublishedForm> form = forms.find(key);
        boolean allowed = form.isPresent() && form.get().active() && form.get().allows(origin);
        if (allowed) {
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
