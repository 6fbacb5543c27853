package com.educonsult.crm.web;

import com.educonsult.crm.platform.security.CredentialAuthenticator;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.security.RequestUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the console's session cookie and makes its user the request's, with the tenant set, exactly as the API's
 * credential filter does for a bearer token. A cookie whose session ended is dropped: the request goes on
 * anonymous and the page it asked for sends the browser to the login.
 */
class ConsoleSessionFilter extends OncePerRequestFilter {

    private final CredentialAuthenticator authenticator;

    ConsoleSessionFilter(CredentialAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<CurrentUser> user = authenticate(request, response);
        if (user.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        RequestUser.continueAs(user.get(), request, response, chain);
    }

    private Optional<CurrentUser> authenticate(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> token = ConsoleCookies.read(request, ConsoleCookies.SESSION);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(authenticator.authenticateAccessToken(token.get()));
        } catch (CredentialAuthenticator.InvalidCredentialsException ended) {
            ConsoleCookies.clear(request, response, ConsoleCookies.SESSION);
            request.setAttribute(SignInController.SESSION_ENDED, Boolean.TRUE);
            return Optional.empty();
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith("/assets/") || path.startsWith("/webjars/");
    }
}
