package com.educonsult.crm.integrations;

import java.util.Map;
import java.util.UUID;

/**
 * Tries an integration's connection with a harmless call to its provider, for the registry's test endpoint. One
 * per type that has something to try; the call goes into the integration log like any other.
 */
public interface IntegrationTester {

    IntegrationType type();

    Outcome test(UUID organizationId, Map<String, String> credentials, Map<String, Object> settings);

    /** Whether the connection works, and what the person who asked should read. */
    record Outcome(boolean ok, String message) {
    }
}
