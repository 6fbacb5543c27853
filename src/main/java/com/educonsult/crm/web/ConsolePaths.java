package com.educonsult.crm.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * Which requests are the console's: everything the API, webhooks, files, docs, operators' endpoints and the public
 * unsubscribe links of bulk mail (posted by mail clients, with no console session or CSRF token) are not.
 */
final class ConsolePaths {

    private static final List<String> NOT_CONSOLE = List.of("/api/", "/webhooks/", "/files/", "/actuator",
            "/v3/api-docs", "/docs", "/swagger-ui", "/error", "/unsubscribe/");

    private ConsolePaths() {
    }

    static boolean isConsole(HttpServletRequest request) {
        return isConsole(request.getRequestURI().substring(request.getContextPath().length()));
    }

    static boolean isConsole(String path) {
        for (String prefix : NOT_CONSOLE) {
            if (path.startsWith(prefix)) {
                return false;
            }
        }
        return true;
    }
}
