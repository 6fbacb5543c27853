package com.educonsult.crm.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** Where the current request comes from (client IP and user agent), when there is a request. */
public record RequestInfo(String ipAddress, String userAgent) {

    public static RequestInfo current() {
        return currentRequest()
                .map(request -> new RequestInfo(request.getRemoteAddr(), request.getHeader("User-Agent")))
                .orElse(new RequestInfo(null, null));
    }

    private static Optional<HttpServletRequest> currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return Optional.of(attributes.getRequest());
        }
        return Optional.empty();
    }
}
