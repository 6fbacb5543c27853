package com.educonsult.crm.identity;

import java.util.UUID;

/**
 * A new organization exists, with its first admin. Published inside the creating transaction, so that
 * modules can give the organization its defaults (e.g. the lead pipeline) atomically with it.
 */
public record OrganizationCreated(UUID organizationId, UUID adminUserId) {
}
