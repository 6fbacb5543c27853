package com.educonsult.crm.platform.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param corsAllowedOrigins origins browsers may call the API from (e.g. the web console's host); empty for none
 * @param maxRequestBytes largest JSON request body accepted; larger ones get 413
 */
@ConfigurationProperties("crm.security")
public record SecurityProperties(
        @DefaultValue List<String> corsAllowedOrigins,
        @DefaultValue("1048576") long maxRequestBytes) {
}
