package com.educonsult.crm.analytics.events;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/analytics/public-key")
@Tag(name = "Analytics")
@RequiresPermission("settings:manage")
class AnalyticsPublicKeyController {

    private final PublicKeys keys;

    AnalyticsPublicKeyController(PublicKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "The organization's public key for website events, and its allowed origins",
            description = "404 while none has been issued.")
    ApiResponse<PublicKeys.KeyView> current() {
        return ApiResponse.ok(keys.current(Authenticated.user()));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue the public key, or rotate it",
            description = "A new key replaces the old one, which is refused from then on (other servers may accept "
                    + "it for up to 15 seconds more). Fields left out keep their values; a first key allows no origin "
                    + "until allowed_origins lists some.")
    ApiResponse<PublicKeys.KeyView> issue(@RequestBody(required = false) PublicKeys.KeyRequest request) {
        return ApiResponse.ok(keys.issue(Authenticated.user(), request), "Public key issued");
    }

    @PutMapping
    @Operation(summary = "Change the allowed origins or the per-address limit, keeping the key",
            description = "Fields left out keep their values. 404 while no key has been issued.")
    ApiResponse<PublicKeys.KeyView> update(@RequestBody PublicKeys.KeyRequest request) {
        return ApiResponse.ok(keys.update(Authenticated.user(), request), "Public key updated");
    }

    @DeleteMapping
    @Operation(summary = "Revoke the public key: website events are refused until a new one is issued")
    ApiResponse<Void> revoke() {
        keys.revoke(Authenticated.user());
        return ApiResponse.ok(null, "Public key revoked");
    }
}
