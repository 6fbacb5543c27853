package com.educonsult.crm.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.support.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Walks every mapped endpoint of the application: each names a permission of the catalogue, or is public on purpose. */
class EndpointPermissionTests extends ApiTest {

    /** Endpoints anyone may call, and nothing else. */
    private static final Set<String> PUBLIC_ENDPOINTS = Set.of(
            "POST /api/v1/auth/register",
            "POST /webhooks/forms/{form_key}",  // a website form's key is public; origins, captcha and limits guard it
            "GET /forms/{form_key}.js",          // the script that embeds a form
            "POST /api/v1/analytics/events",     // a website's events under its public key (or the console's session)
            "GET /t/c/{token}",                  // a campaign email's tracked link: the signed token is the credential
            "GET /t/o/{token}.gif",              // a campaign email's open pixel, signed the same way
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/otp/send",
            "POST /api/v1/auth/otp/verify",
            "POST /api/v1/oauth/token",
            "POST /api/v1/auth/register/sendOTP",
            "POST /api/v1/auth/register/verifyOTP",
            "POST /api/v1/auth/invitations/accept",
            "POST /api/v1/auth/password/reset",  // the verification of a reset code is the credential
            "PUT /files/**",      // the signed URL is the credential
            "GET /files/**",
            "ANY /error",         // the error envelope of requests refused before any controller
            "GET /login",         // the console's sign-in page
            "POST /login",
            "POST /logout",       // ends the session of the cookie, if any
            "GET /forgot-password",
            "POST /forgot-password/code",
            "POST /forgot-password/reset",
            "GET /webhooks/facebook",   // Meta's handshake: the verify token is the credential
            "POST /webhooks/facebook",  // Meta's deliveries: the signature with the app secret is the credential
            "POST /webhooks/email/inbound/{token}", // replies posted by a mail provider: the secret token
            "GET /unsubscribe/{token}", // the unsubscribe link of bulk mail: the sealed token names the address
            "POST /unsubscribe/{token}",
            "GET /webhooks/whatsapp",   // WhatsApp's handshake: an organization's verify token is the credential
            "POST /webhooks/whatsapp",  // WhatsApp's deliveries: the signature with the number's app secret
            "POST /webhooks/sms/msg91/{token}",   // MSG91's reports: the organization's secret token in the path
            "POST /webhooks/sms/msg91/{token}/inbound"); // students' SMS: the same token

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointNamesAPermissionOfTheCatalogueOrIsAnAllowedPublicOne() {
        Set<String> catalogue = Set.copyOf(db.fetch("select code from permissions").getValues(0, String.class));
        Set<String> withoutPermission = new TreeSet<>();
        Set<String> unknownPermission = new TreeSet<>();
        Set<String> unexpectedPublic = new TreeSet<>();

        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : applicationEndpoints()) {
            HandlerMethod method = entry.getValue();
            for (String endpoint : describe(entry.getKey())) {
                RequiresPermission permission = requiredPermission(method);
                boolean isPublic = method.hasMethodAnnotation(PublicEndpoint.class)
                        || AnnotatedElementUtils.hasAnnotation(method.getBeanType(), PublicEndpoint.class);
                if (isPublic && !PUBLIC_ENDPOINTS.contains(endpoint)) {
                    unexpectedPublic.add(endpoint);
                } else if (!isPublic && permission == null) {
                    withoutPermission.add(endpoint);
                } else if (permission != null && !catalogue.contains(permission.value())) {
                    unknownPermission.add(endpoint + " -> " + permission.value());
                }
            }
        }

        assertThat(withoutPermission).as("endpoints without a permission").isEmpty();
        assertThat(unknownPermission).as("endpoints naming a permission missing from the catalogue").isEmpty();
        assertThat(unexpectedPublic).as("public endpoints not in the allowed list").isEmpty();
    }

    @Test
    void theWalkSeesTheApplicationsEndpoints() {
        assertThat(applicationEndpoints().stream().flatMap(e -> describe(e.getKey()).stream()))
                .contains("POST /api/v1/auth/login", "GET /api/v1/auth/me");
    }

    private List<Map.Entry<RequestMappingInfo, HandlerMethod>> applicationEndpoints() {
        return mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType().getName().startsWith("com.educonsult.crm."))
                .toList();
    }

    private static RequiresPermission requiredPermission(HandlerMethod method) {
        RequiresPermission onMethod = method.getMethodAnnotation(RequiresPermission.class);
        return onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresPermission.class);
    }

    private static Set<String> describe(RequestMappingInfo info) {
        Set<String> endpoints = new TreeSet<>();
        Set<String> paths = info.getPathPatternsCondition() == null ? Set.of()
                : info.getPathPatternsCondition().getPatternValues();
        var methods = info.getMethodsCondition().getMethods();
        for (String path : paths) {
            if (methods.isEmpty()) {
                endpoints.add("ANY " + path);
            }
            methods.forEach(m -> endpoints.add(m.name() + " " + path));
        }
        return endpoints;
    }
}
