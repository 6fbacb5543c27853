/**
 * Organizations, branches, users, roles and permissions, authentication (passwords, OTP, JWT access tokens,
 * rotating refresh tokens, API keys), sessions and profiles.
 */
package com.educonsult.crm.identity;
