package com.educonsult.crm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;

/**
 * Cross-origin rules of a public endpoint that websites post to, open only to the origins its owner listed (a
 * published form, a public events key): a preflight from any other origin is refused (403, no CORS headers), and an
 * actual request from one reaches the endpoint without CORS headers, where it is refused with 403.
 */
public final class SiteOriginCors {

    private SiteOriginCors() {
    }

    /** The rules for this request, given whether its owner lists the request's origin. */
    public static CorsConfiguration configuration(HttpServletRequest request, Predicate<String> originAllowed) {
        String origin = request.getHeader("Origin");
        if (originAllowed.test(origin)) {
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

    /** The request's path within the application. */
    public static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
