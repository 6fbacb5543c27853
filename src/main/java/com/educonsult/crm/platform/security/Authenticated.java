package com.educonsult.crm.platform.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The {@link CurrentUser} of the request. */
public final class Authenticated {

    private Authenticated() {
    }

    public static Optional<CurrentUser> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    public static CurrentUser user() {
        return current().orElseThrow(() -> new IllegalStateException("No authenticated user"));
    }
}
