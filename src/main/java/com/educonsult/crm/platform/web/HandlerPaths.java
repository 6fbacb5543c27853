package com.educonsult.crm.platform.web;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/** The path a handler method is mapped to (its class's first path, then its own), for documenting it. */
public final class HandlerPaths {

    private HandlerPaths() {
    }

    public static String of(HandlerMethod method) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequestMapping.class);
        RequestMapping own = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
        return first(type) + first(own);
    }

    private static String first(RequestMapping mapping) {
        return mapping == null || mapping.path().length == 0 ? "" : mapping.path()[0];
    }
}
