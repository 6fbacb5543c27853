package com.educonsult.crm.platform.security;

import com.educonsult.crm.platform.TenantContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Makes an authenticated user the request's, with its tenant, for the rest of the filter chain. */
public final class RequestUser {

    private RequestUser() {
    }

    public static void continueAs(CurrentUser user, ServletRequest request, ServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        var authorities = user.permissions().stream().map(SimpleGrantedAuthority::new).toList();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, authorities));
        TenantContext.set(user.organizationId());
        try {
            chain.doFilter(request, response);
        } finally {
            TenantContext.clear();
            SecurityContextHolder.clearContext();
        }
    }
}
