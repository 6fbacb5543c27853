package com.educonsult.crm.platform.security;

import com.educonsult.crm.platform.web.ApiException;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks the permission an endpoint names before it runs. Fails closed: a handler that names neither a
 * permission nor {@link PublicEndpoint} is refused.
 */
class PermissionInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method) || isFrameworkHandler(method)) {
            return true;
        }
        // the dispatch that completes a streamed response was checked as a request already; it carries no user
        if (request.getDispatcherType() == DispatcherType.ASYNC) {
            return true;
        }
        if (isPublic(method)) {
            return true;
        }
        CurrentUser user = Authenticated.current()
                .orElseThrow(() -> ApiException.unauthorized("Authentication required"));
        String permission = requiredPermission(method);
        if (permission == null) {
            throw ApiException.forbidden("This endpoint is not open to any permission");
        }
        if (!user.can(permission)) {
            throw ApiException.forbidden("Missing permission " + permission);
        }
        return true;
    }

    static boolean isPublic(HandlerMethod method) {
        return method.hasMethodAnnotation(PublicEndpoint.class)
                || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PublicEndpoint.class);
    }

    static String requiredPermission(HandlerMethod method) {
        RequiresPermission onMethod = method.getMethodAnnotation(RequiresPermission.class);
        if (onMethod != null) {
            return onMethod.value();
        }
        RequiresPermission onType = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
        return onType == null ? null : onType.value();
    }

    /** Springdoc, actuator and error controllers guard themselves through the security filter chain. */
    static boolean isFrameworkHandler(HandlerMethod method) {
        String name = method.getBeanType().getName();
        return !name.startsWith("com.educonsult.crm.");
    }
}
