package com.educonsult.crm.web;

import com.educonsult.crm.platform.security.CredentialAuthenticator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The console's requests: a session cookie instead of a bearer token, and a CSRF token on every form and htmx
 * request (kept in an HttpOnly cookie and echoed by the page). What each page needs is checked by the same
 * permission interceptor as the API's endpoints.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self' https:; connect-src 'self'; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, CredentialAuthenticator authenticator) throws Exception {
        CookieCsrfTokenRepository csrfTokens = new CookieCsrfTokenRepository();
        csrfTokens.setCookieName("crm_csrf");
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").httpOnly(true));
        http.securityMatcher(ConsolePaths::isConsole)
                // the session cookie is read on every request, so Spring's rotation of the token "at login" would
                // rotate it on every request and refuse the forms of every page but the last
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) ->
                        response.sendRedirect(request.getContextPath() + "/login?expired")))
                .addFilterBefore(new ConsoleSessionFilter(authenticator), AnonymousAuthenticationFilter.class);
        return http.build();
    }
}
