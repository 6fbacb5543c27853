package com.educonsult.crm.platform.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.cors.CorsConfiguration;

/**
 * Cross-origin rules of a part of the server that has its own (a public form accepts the origins its owner
 * listed), in place of the API's configured origins.
 */
public interface PathCorsPolicy {

    /** Whether the request is under this policy. */
    boolean covers(HttpServletRequest request);

    /**
     * The rules for this request: a preflight is answered by them (refused with 403 and no CORS headers when its
     * origin is not allowed); null lets the request through without CORS headers, for the endpoint to decide.
     */
    CorsConfiguration configuration(HttpServletRequest request);
}
