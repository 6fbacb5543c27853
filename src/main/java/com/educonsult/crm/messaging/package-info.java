/**
 * Messaging: for now the organization's note templates (ready-made notes for calls and follow-ups) and
 * message templates for WhatsApp, SMS and email with {{placeholders}} filled from a lead, including a
 * WhatsApp click-to-chat link. The communications log, channels and campaigns come later.
 */
package com.educonsult.crm.messaging;
