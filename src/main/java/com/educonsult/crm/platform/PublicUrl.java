package com.educonsult.crm.platform;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The server's public address ({@code crm.base-url}, e.g. {@code https://crm.example.com}) for links in
 * messages and signed URLs. Read at each use: with a random port it is known only once the server listens.
 */
@Component
public class PublicUrl {

    private final Environment environment;

    public PublicUrl(Environment environment) {
        this.environment = environment;
    }

    /** The base address without a trailing slash. */
    public String base() {
        String base = environment.getRequiredProperty("crm.base-url");
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String of(String path) {
        return base() + (path.startsWith("/") ? path : "/" + path);
    }
}
