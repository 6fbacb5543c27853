package com.educonsult.crm.identity;

import com.educonsult.crm.platform.RequestInfo;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.AlsoAnswers;
import com.educonsult.crm.platform.web.MobileResponse;
import com.fasterxml.jackson.annotation.JsonAlias;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The Android app's login and phone verification (seed 01), over the canonical login and one-time codes: the
 * same lockout, rate limits and sessions. Its requests and token view are snake_case, as seed 01 writes them.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Android app")
class MobileAuthController {

    /** The phone to send a registration code to; {@code org_slug} optionally names the organization to join. */
    record SendOtp(@NotBlank @Size(max = 40) String phone,
            @JsonAlias({"organization_slug", "orgSlug"}) @Size(max = 64) String orgSlug) {
    }

    record VerifyOtp(@NotBlank @Size(max = 40) String phone, @NotBlank @Size(max = 10) String otp,
            @JsonAlias({"organization_slug", "orgSlug"}) @Size(max = 64) String orgSlug) {
    }

    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record OtpSent(String phone, OffsetDateTime expiresAt, long expiresIn) {
    }

    /** The phone is verified for registration until {@code validUntil}; registering uses the verification up. */
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    record OtpVerified(boolean verified, OffsetDateTime validUntil) {
    }

    private final Authentication authentication;
    private final OneTimeCodes oneTimeCodes;

    MobileAuthController(Authentication authentication, OneTimeCodes oneTimeCodes) {
        this.authentication = authentication;
        this.oneTimeCodes = oneTimeCodes;
    }

    @PostMapping("/oauth/token")
    @PublicEndpoint
    @Operation(summary = "Log in with username (email or phone in any format), password and org_slug",
            description = "As POST /auth/login: ten failed logins in a row lock the account for 15 minutes (423).")
    @AlsoAnswers(status = 423, description = "The account is locked for 15 minutes after ten failed logins")
    MobileResponse<AuthViews.Tokens> token(@Valid @RequestBody AuthRequests.TokenRequest request) {
        return MobileResponse.ok(authentication.login(request.asLogin()));
    }

    @PostMapping("/auth/register/sendOTP")
    @PublicEndpoint
    @Operation(summary = "Send a 6-digit registration code by SMS to a phone",
            description = "A phone gets at most 3 codes in 10 minutes and 10 a day; an address 20 an hour (429 beyond).")
    MobileResponse<OtpSent> sendOtp(@Valid @RequestBody SendOtp request) {
        OneTimeCodes.Sent sent = oneTimeCodes.send(
                new OtpRequests.Send(request.phone(), null, OneTimeCodes.REGISTER, request.orgSlug()),
                RequestInfo.current().ipAddress());
        return MobileResponse.ok(new OtpSent(sent.target(), sent.expiresAt(), sent.expiresIn()),
                "OTP sent successfully");
    }

    @PostMapping("/auth/register/verifyOTP")
    @PublicEndpoint
    @Operation(summary = "Check a registration code: the phone may then register (POST /auth/register) for 15 minutes",
            description = "A code works once, for 5 minutes and 5 tries (422 naming otp otherwise).")
    MobileResponse<OtpVerified> verifyOtp(@Valid @RequestBody VerifyOtp request) {
        OneTimeCodes.Verification verification = oneTimeCodes.verify(
                new OtpRequests.Verify(request.phone(), null, request.otp(), OneTimeCodes.REGISTER, request.orgSlug()),
                RequestInfo.current().ipAddress(), "otp");
        return MobileResponse.ok(new OtpVerified(true, verification.expiresAt()),
                "OTP verified");
    }
}
