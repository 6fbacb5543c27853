package com.educonsult.crm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Gives errors on the Android app's paths the app's envelope; the canonical API keeps its own. */
@RestControllerAdvice
class MobileErrorEnvelope implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (body instanceof ApiError error && request instanceof ServletServerHttpRequest servlet
                && MobileApi.handles(servlet.getServletRequest())) {
            return MobileError.of(error);
        }
        return body;
    }

    static Object bodyFor(HttpServletRequest request, ApiError error) {
        return MobileApi.handles(request) ? MobileError.of(error) : error;
    }
}
