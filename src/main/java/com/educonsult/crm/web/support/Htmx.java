package com.educonsult.crm.web.support;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** What htmx tells the server about a request, and where to come back to after signing in. */
public final class Htmx {

    private Htmx() {
    }

    public static boolean isHtmx(HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    /** The page to return to: the page the browser shows (for htmx) or the one asked for, as a local path only. */
    public static String returnPath(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (request.getQueryString() != null) {
            path += "?" + request.getQueryString();
        }
        return URLEncoder.encode(safeLocal(path), StandardCharsets.UTF_8);
    }

    /** The local path (encoded) of the page of this site that sent the request, or null when another did. */
    public static String refererPath(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return null;
        }
        try {
            java.net.URI uri = java.net.URI.create(referer);
            if (uri.getHost() == null || !uri.getHost().equalsIgnoreCase(request.getServerName())
                    || uri.getPort() != request.getServerPort() && uri.getPort() != -1) {
                return null;
            }
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return URLEncoder.encode(safeLocal(path), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    public static String safeLocal(String path) {
        if (path == null || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) {
            return "/";
        }
        return path;
    }
}
