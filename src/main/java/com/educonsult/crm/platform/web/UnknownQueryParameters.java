package com.educonsult.crm.platform.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.beans.PropertyDescriptor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.BeanUtils;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a query parameter the endpoint does not take (422 naming it) on the canonical API, so that a misspelt
 * filter is an error instead of a silently unfiltered list. An endpoint takes the names of its
 * {@code @RequestParam}s and the properties of the objects it binds from the query (such as a list's filters).
 * The Android app's routes stay tolerant.
 */
class UnknownQueryParameters implements HandlerInterceptor {

    /** An endpoint taking a map of all its parameters accepts any name. */
    private static final Optional<Set<String>> ANY = Optional.empty();

    private final Map<HandlerMethod, Optional<Set<String>>> acceptedByEndpoint = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || request.getDispatcherType() != DispatcherType.REQUEST
                || !CanonicalJsonConverter.isCanonicalApi(request) || request.getQueryString() == null) {
            return true;
        }
        Optional<Set<String>> accepted = acceptedByEndpoint.computeIfAbsent(method, UnknownQueryParameters::accepted);
        if (accepted.isEmpty()) {
            return true;
        }
        for (String name : queryParameterNames(request.getQueryString())) {
            if (!accepted.get().contains(name)) {
                throw ApiException.invalid(name, "is not a parameter of this endpoint");
            }
        }
        return true;
    }

    static Set<String> queryParameterNames(String query) {
        Set<String> names = new LinkedHashSet<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            try {
                names.add(URLDecoder.decode(name, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException malformed) {
                names.add(name);
            }
        }
        return names;
    }

    private static Optional<Set<String>> accepted(HandlerMethod method) {
        Set<String> names = new LinkedHashSet<>();
        for (MethodParameter parameter : method.getMethodParameters()) {
            parameter.initParameterNameDiscovery(new org.springframework.core.DefaultParameterNameDiscoverer());
            RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
            if (requestParam != null) {
                if (Map.class.isAssignableFrom(parameter.getParameterType())) {
                    return ANY;
                }
                names.add(!requestParam.name().isEmpty() ? requestParam.name() : parameter.getParameterName());
            } else if (!takesNoQueryParameters(parameter)) {
                names.addAll(boundNames(parameter));
            }
        }
        return Optional.of(Set.copyOf(names));
    }

    private static boolean takesNoQueryParameters(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(RequestBody.class) || parameter.hasParameterAnnotation(PathVariable.class)
                || parameter.hasParameterAnnotation(RequestHeader.class) || parameter.hasParameterAnnotation(RequestPart.class)
                || parameter.hasParameterAnnotation(CookieValue.class)
                || parameter.hasParameterAnnotation(RequestAttribute.class);
    }

    /** A simple value is bound by its own name; an object of ours by its constructor's or its setters' names. */
    private static Set<String> boundNames(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        if (BeanUtils.isSimpleProperty(type)) {
            return parameter.getParameterName() == null ? Set.of() : Set.of(parameter.getParameterName());
        }
        if (!type.getName().startsWith("com.educonsult.crm.")) {
            return Set.of();
        }
        if (type.isRecord()) {
            return recordParameterNames(type);
        }
        return Arrays.stream(BeanUtils.getPropertyDescriptors(type))
                .filter(property -> property.getWriteMethod() != null)
                .map(PropertyDescriptor::getName)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The names a record is bound by: its canonical constructor's, renamed by {@code @BindParam}. */
    private static Set<String> recordParameterNames(Class<?> record) {
        RecordComponent[] components = record.getRecordComponents();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Parameter[] parameters;
        try {
            parameters = record.getDeclaredConstructor(types).getParameters();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("A record without its canonical constructor: " + record, e);
        }
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < components.length; i++) {
            BindParam bindParam = AnnotatedElementUtils.findMergedAnnotation(parameters[i], BindParam.class);
            names.add(bindParam != null ? bindParam.value() : components[i].getName());
        }
        return names;
    }
}
