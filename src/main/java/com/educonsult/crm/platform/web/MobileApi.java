package com.educonsult.crm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * The Android app's API (seed 01's router): fixed paths beside the canonical API, answered in the app's envelope
 * {@code {"status": true, "data": ...}} and, on failure, {@code {"status": false, "message": ...}} with the same
 * HTTP status the canonical API would give.
 */
public final class MobileApi {

    private static final List<String> PREFIXES = List.of(
            "/api/v1/oauth/", "/api/v1/auth/register/", "/api/v1/employee/", "/api/v1/lead/", "/api/v1/callLog/",
            "/api/v1/callRecording/", "/api/v1/callnote/", "/api/v1/messagetemplate/", "/api/v1/app/",
            "/api/v1/feature/");

    private static final List<String> COLLECTIONS = List.of("/api/v1/courses", "/api/v1/institutions",
            "/api/v1/countries");

    private MobileApi() {
    }

    public static boolean handles(HttpServletRequest request) {
        return handles(request.getRequestURI().substring(request.getContextPath().length()));
    }

    public static boolean handles(String path) {
        for (String prefix : PREFIXES) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        for (String collection : COLLECTIONS) {
            if (path.equals(collection) || path.startsWith(collection + "/")) {
                return true;
            }
        }
        return false;
    }
}
