package com.educonsult.crm.platform.web;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The HTTP client every provider adapter calls out with (Graph, WhatsApp Cloud API, MSG91, FCM): HTTP/1.1, which
 * the fake servers of the tests and some providers' gateways speak best; never following a redirect to a host the
 * adapter did not choose; and waiting on virtual threads.
 */
public final class ProviderHttp {

    private ProviderHttp() {
    }

    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }
}
