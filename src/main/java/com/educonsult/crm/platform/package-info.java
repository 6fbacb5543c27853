/**
 * Cross-cutting plumbing every module stands on: the tenant of a request and its transaction, security
 * principal and permission checks, the response envelope and errors, paging, audit, ids and phone numbers.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.educonsult.crm.platform;

import org.springframework.modulith.ApplicationModule;
