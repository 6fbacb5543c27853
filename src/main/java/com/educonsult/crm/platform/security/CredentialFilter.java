package com.educonsult.crm.platform.security;

import com.educonsult.crm.platform.web.ErrorWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads a bearer access token or an {@code X-API-Key}, authenticates it and sets the user and tenant
 * of the request. Bad credentials are a 401 at once; no credentials leave the request anonymous, for the
 * permission check to refuse where one is needed.
 */
class CredentialFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";

    private final CredentialAuthenticator authenticator;
    private final ErrorWriter errorWriter;

    CredentialFilter(CredentialAuthenticator authenticator, ErrorWriter errorWriter) {
        this.authenticator = authenticator;
        this.errorWriter = errorWriter;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CurrentUser user;
        try {
            user = authenticate(request);
        } catch (CredentialAuthenticator.InvalidCredentialsException e) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            errorWriter.write(request, response, HttpStatus.UNAUTHORIZED, e.getMessage(), List.of());
            return;
        } catch (org.springframework.transaction.CannotCreateTransactionException
                | org.springframework.jdbc.CannotGetJdbcConnectionException
                | org.springframework.dao.TransientDataAccessException e) {
            // no connection to check the session with: the server is saturated, the request is not wrong
            response.setHeader("Retry-After", "5");
            errorWriter.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    com.educonsult.crm.platform.web.ApiException.BUSY, List.of());
            return;
        }
        if (user == null) {
            chain.doFilter(request, response);
            return;
        }
        RequestUser.continueAs(user, request, response, chain);
    }

    private CurrentUser authenticate(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authenticator.authenticateAccessToken(authorization.substring(7).trim());
        }
        String apiKey = request.getHeader(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return authenticator.authenticateApiKey(apiKey.trim());
        }
        return null;
    }
}
