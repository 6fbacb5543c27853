package com.educonsult.crm.platform.web;

import com.educonsult.crm.platform.security.PublicEndpoint;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen before a request reaches a controller still answer the error envelope in JSON: a request the
 * security firewall rejects (an encoded slash, {@code ..}) is forwarded to {@code /error}, which answers here; one
 * that Tomcat itself refuses while parsing it (a {@code %00} in the path) is answered by the host's error valve,
 * which Tomcat would otherwise render as an HTML page.
 */
@RestController
@Hidden
class ServletErrors implements ErrorController {

    private final ErrorWriter errors;
    private final org.springframework.beans.factory.ObjectProvider<HtmlErrorPages> htmlErrorPages;

    ServletErrors(ErrorWriter errors, org.springframework.beans.factory.ObjectProvider<HtmlErrorPages> htmlErrorPages) {
        this.errors = errors;
        this.htmlErrorPages = htmlErrorPages;
    }

    @RequestMapping("/error")
    @PublicEndpoint
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.isCommitted()) {
            // a streamed answer (a download) failed after it started: nothing may be added to it; Tomcat closes
            // the connection once this returns, without ending the answer, so the client sees it incomplete
            return;
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer value ? value : 500);
        if (status == null || !status.isError()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        HttpServletRequest original = asOriginallySent(request);
        HtmlErrorPages pages = htmlErrorPages.getIfAvailable();
        if (pages != null && pages.render(original, response, status)) {
            return;
        }
        errors.write(original, response, status, messageFor(status), List.of());
    }

    /** The request as its client sent it, so that the app's routes get the app's envelope. */
    private static HttpServletRequest asOriginallySent(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(uri instanceof String original)) {
            return request;
        }
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getRequestURI() {
                return original;
            }
        };
    }

    static String messageFor(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request is malformed (its path or parameters cannot be read)";
            case NOT_FOUND -> "Not found";
            case INTERNAL_SERVER_ERROR -> "Something went wrong on our side";
            default -> status.getReasonPhrase();
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class JsonErrorValveConfiguration {

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> jsonErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
                }
            });
        }
    }

    /** Tomcat's error report as the error envelope, for requests refused before any servlet sees them. */
    public static class JsonErrorReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int code = response.getStatus();
            if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            HttpStatus status = HttpStatus.resolve(code);
            String message = status == null ? "Error" : messageFor(status);
            String body = MobileApi.handles(request.getRequestURI() == null ? "" : request.getRequestURI())
                    ? "{\"status\":false,\"message\":\"" + message + "\"}"
                    : "{\"success\":false,\"message\":\"" + message + "\",\"type\":\"about:blank\",\"title\":\""
                            + (status == null ? "Error" : status.getReasonPhrase()) + "\",\"status\":" + code
                            + ",\"detail\":\"" + message + "\"}";
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                OutputStream out = response.getOutputStream();
                out.write(body.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the answer is already on its way: nothing more to say
            }
        }
    }
}
