package com.educonsult.crm.messaging.whatsapp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How this server talks to the WhatsApp Cloud API and handles its webhook.
 *
 * @param graphUrl the Cloud API's base address
 * @param apiVersion the Graph API version every call names, e.g. v21.0
 * @param connectTimeout how long a call may take to connect
 * @param readTimeout how long a call may take to answer
 * @param appSecret an app secret shared by every organization (a platform-wide Meta app); each organization's own
 *                  app secret, from its connection, is tried first
 * @param verifyToken a verify token shared by every organization for the webhook handshake; each organization's
 *                    own verify token is accepted too
 */
@ConfigurationProperties("crm.messaging.whatsapp")
record WhatsAppProperties(
        @DefaultValue("https://graph.facebook.com") String graphUrl,
        @DefaultValue("v21.0") String apiVersion,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout,
        String appSecret,
        String verifyToken) {

    String base() {
        String base = graphUrl.endsWith("/") ? graphUrl.substring(0, graphUrl.length() - 1) : graphUrl;
        return base + "/" + apiVersion;
    }
}
