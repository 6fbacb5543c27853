/**
 * Integrations: the registry of the organization's integrations (connected, failing or disconnected, with
 * credentials sealed at rest), the integration log of every inbound delivery and outbound call, and, in
 * sub-packages, the ways leads arrive by themselves (Meta lead ads, website and portal forms) and the outgoing
 * webhooks that tell other systems what changed.
 */
package com.educonsult.crm.integrations;
