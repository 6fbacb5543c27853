package com.educonsult.crm.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.util.Arrays;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gives PATCH handlers their {@link MergePatch}: the request body, while it is read into the request record, is
 * also kept as a JSON tree, so the handler learns which fields were sent as null and which were left out. Null on a
 * field of {@link RefusesNull} answers 422 before the handler runs.
 */
@ControllerAdvice
class MergePatchSupport extends RequestBodyAdviceAdapter implements HandlerMethodArgumentResolver {

    private static final String BODY = MergePatchSupport.class.getName() + ".body";

    private final JsonMapper json;

    MergePatchSupport(JsonMapper json) {
        this.json = json;
    }

    @Override
    public boolean supports(MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) {
        return Arrays.stream(parameter.getExecutable().getParameterTypes()).anyMatch(MergePatch.class::equals);
    }

    @Override
    public HttpInputMessage beforeBodyRead(HttpInputMessage input, MethodParameter parameter, Type targetType,
            Class<? extends HttpMessageConverter<?>> converterType) throws IOException {
        byte[] bytes = input.getBody().readAllBytes();
        RequestContextHolder.currentRequestAttributes()
                .setAttribute(BODY, MergePatch.of(tree(bytes)), RequestAttributes.SCOPE_REQUEST);
        HttpHeaders headers = input.getHeaders();
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public HttpHeaders getHeaders() {
                return headers;
            }
        };
    }

    /** The body as a tree; what does not parse is left to the message converter to refuse. */
    private JsonNode tree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == MergePatch.class;
    }

    @Override
    public MergePatch resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Object patch = request.getAttribute(BODY, RequestAttributes.SCOPE_REQUEST);
        if (!(patch instanceof MergePatch mergePatch)) {
            throw new IllegalStateException("A MergePatch parameter follows the @RequestBody it describes: "
                    + request.getNativeRequest(HttpServletRequest.class).getRequestURI());
        }
        RefusesNull required = parameter.getMethodAnnotation(RefusesNull.class);
        if (required != null) {
            mergePatch.refuseNull(required.value());
        }
        return mergePatch;
    }
}
