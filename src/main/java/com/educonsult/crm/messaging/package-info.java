/**
 * Messaging: note templates, message templates for WhatsApp, SMS and email with {{placeholders}} filled from a
 * lead, and the communications hub: every message sent or received on a channel and every call, meeting, letter
 * or chat logged by hand ({@link com.educonsult.crm.messaging.Communications}), the outbox that hands outbound
 * messages to a provider through a {@link com.educonsult.crm.messaging.ChannelAdapter} (the recording adapter
 * when the organization has no provider set up), and consent per channel and address
 * ({@link com.educonsult.crm.messaging.Consents}).
 */
package com.educonsult.crm.messaging;
