package com.educonsult.crm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies strictly on the canonical API: a field the request type does not know is refused
 * ({@link tools.jackson.databind.exc.UnrecognizedPropertyException}, answered 422 naming it). The Android app's
 * routes keep ignoring fields they do not use, as its fixed contract expects. The rule lives here, on the HTTP
 * boundary only: JSON the server stored itself is read by the shared mapper, tolerant of fields it no longer has.
 */
class CanonicalJsonConverter extends JacksonJsonHttpMessageConverter {

    CanonicalJsonConverter(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    protected ObjectReader customizeReader(ObjectReader reader, JavaType javaType) {
        return readsStrictly() ? reader.with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                : reader.without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static boolean readsStrictly() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && isCanonicalApi(attributes.getRequest());
    }

    static boolean isCanonicalApi(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/api/") && !MobileApi.handles(request);
    }
}
