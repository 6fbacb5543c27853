package com.educonsult.crm.identity;

import com.educonsult.crm.jooq.tables.records.OrganizationsRecord;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Response bodies of the authentication endpoints. */
final class AuthViews {

    private AuthViews() {
    }

    record OrganizationSummary(UUID id, String name, String slug, String timeZone, String currency) {
        static OrganizationSummary of(OrganizationsRecord organization) {
            return new OrganizationSummary(organization.getId(), organization.getName(), organization.getSlug(),
                    organization.getTimeZone(), organization.getCurrency());
        }
    }

    record Tokens(String accessToken, String refreshToken, String tokenType, long expiresIn, OffsetDateTime expiresAt,
            UUID sessionId, boolean impersonation, UserView user, OrganizationSummary organization) {
    }
}
