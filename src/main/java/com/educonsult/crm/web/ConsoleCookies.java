package com.educonsult.crm.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Optional;
import org.springframework.http.ResponseCookie;

/**
 * The console's cookies: the session (HttpOnly, SameSite=Lax, Secure when the request came over TLS) and the
 * organization last signed in to, which the login page offers again on this device.
 */
final class ConsoleCookies {

    static final String SESSION = "crm_session";
    static final String ORGANIZATION = "crm_org";

    private ConsoleCookies() {
    }

    static Optional<String> read(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && !cookie.getValue().isBlank()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    static void write(HttpServletRequest request, HttpServletResponse response, String name, String value,
            Duration maxAge, boolean httpOnly) {
        ResponseCookie cookie = ResponseCookie.from(name, value)
                .httpOnly(httpOnly)
                .secure(request.isSecure())
                .sameSite("Lax")
                .path("/")
                .maxAge(maxAge)
                .build();
        response.addHeader("Set-Cookie", cookie.toString());
    }

    static void clear(HttpServletRequest request, HttpServletResponse response, String name) {
        write(request, response, name, "", Duration.ZERO, true);
    }
}
