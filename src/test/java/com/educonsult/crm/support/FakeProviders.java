package com.educonsult.crm.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;

/**
 * The outside world's providers as one local fake server for the whole test run: Meta's Graph API under
 * {@code /graph}, the captcha services under {@code /turnstile} and {@code /hcaptcha}, webhook receivers under
 * any other path. The shared server context points the integrations at it; each test stubs and checks paths of
 * its own (an organization's page ids, a unique receiver path), so tests never see each other's calls.
 */
public final class FakeProviders {

    private static final WireMockServer SERVER = start();

    private FakeProviders() {
    }

    public static WireMockServer server() {
        return SERVER;
    }

    public static String baseUrl() {
        return "http://localhost:" + SERVER.port();
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(16)
                .enableBrowserProxying(false));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        return server;
    }
}
