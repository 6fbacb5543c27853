package com.educonsult.crm.identity;

import com.educonsult.crm.platform.RequestInfo;
import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/otp")
@Tag(name = "Authentication")
class OtpController {

    private final OneTimeCodes oneTimeCodes;

    OtpController(OneTimeCodes oneTimeCodes) {
        this.oneTimeCodes = oneTimeCodes;
    }

    @PostMapping("/send")
    @PublicEndpoint
    @Operation(summary = "Send a 6-digit one-time code by SMS (phone) or email",
            description = "A phone or email gets at most 3 codes in 10 minutes and 10 a day (429 beyond).")
    ApiResponse<OneTimeCodes.Sent> send(@Valid @RequestBody OtpRequests.Send request) {
        return ApiResponse.ok(oneTimeCodes.send(request, RequestInfo.current().ipAddress()), "Code sent");
    }

    @PostMapping("/verify")
    @PublicEndpoint
    @Operation(summary = "Check a one-time code and get a verification token valid for 15 minutes",
            description = "A code works once, for 5 minutes and 5 tries.")
    ApiResponse<OneTimeCodes.Verification> verify(@Valid @RequestBody OtpRequests.Verify request) {
        return ApiResponse.ok(oneTimeCodes.verify(request, RequestInfo.current().ipAddress()));
    }
}
