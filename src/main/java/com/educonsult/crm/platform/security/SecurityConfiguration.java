package com.educonsult.crm.platform.security;

import com.educonsult.crm.platform.web.ErrorWriter;
import com.educonsult.crm.platform.web.RequestSizeLimitFilter;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Stateless API security: credentials are read by {@link CredentialFilter}; what each endpoint needs is
 * checked by {@link PermissionInterceptor} from its annotations.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, CredentialAuthenticator authenticator, ErrorWriter errorWriter,
            SecurityProperties properties, ObjectProvider<PathCorsPolicy> pathPolicies) throws Exception {
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> cors.configurationSource(corsSource(properties, pathPolicies)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) ->
                                errorWriter.write(request, response, HttpStatus.UNAUTHORIZED, "Authentication required", List.of()))
                        .accessDeniedHandler((request, response, ex) ->
                                errorWriter.write(request, response, HttpStatus.FORBIDDEN, "Access denied", List.of())))
                .addFilterBefore(new CredentialFilter(authenticator, errorWriter), AnonymousAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(SecurityProperties properties,
            ErrorWriter errorWriter) {
        var registration = new FilterRegistrationBean<>(
                new RequestSizeLimitFilter(properties.maxRequestBytes(), errorWriter));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new PermissionInterceptor());
    }

    /** The API's configured origins, except where a part of the server has rules of its own. */
    private static CorsConfigurationSource corsSource(SecurityProperties properties,
            ObjectProvider<PathCorsPolicy> pathPolicies) {
        UrlBasedCorsConfigurationSource api = apiCorsSource(properties);
        return request -> {
            for (PathCorsPolicy policy : (Iterable<PathCorsPolicy>) pathPolicies.orderedStream()::iterator) {
                if (policy.covers(request)) {
                    return policy.configuration(request);
                }
            }
            return api.getCorsConfiguration(request);
        };
    }

    private static UrlBasedCorsConfigurationSource apiCorsSource(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-API-Key", "Idempotency-Key"));
        cors.setExposedHeaders(List.of("Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining",
                "RateLimit-Reset", "Idempotent-Replayed"));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
