package com.educonsult.crm.integrations.forms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where captcha tokens are verified.
 *
 * @param turnstileUrl Cloudflare Turnstile's siteverify endpoint
 * @param hcaptchaUrl hCaptcha's siteverify endpoint
 * @param timeout how long a verification may take before the submission is answered 503
 */
@ConfigurationProperties("crm.integrations.captcha")
record CaptchaProperties(
        @DefaultValue("https://challenges.cloudflare.com/turnstile/v0/siteverify") String turnstileUrl,
        @DefaultValue("https://api.hcaptcha.com/siteverify") String hcaptchaUrl,
        @DefaultValue("5s") Duration timeout) {
}
