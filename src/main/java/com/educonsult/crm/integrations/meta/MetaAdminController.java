package com.educonsult.crm.integrations.meta;

import com.educonsult.crm.integrations.MetaLeadAds;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/integrations/facebook")
@Tag(name = "Meta lead ads", description = "Facebook pages, their lead forms and the leads Meta delivered")
class MetaAdminController {

    @Schema(name = "MetaConnect", description = "A Facebook user access token of an admin of the pages, and the pages "
            + "to connect (all the user manages when none are named)")
    record ConnectRequest(@NotBlank @Size(max = 4096) String userAccessToken,
            @Size(max = 100) List<@NotBlank @Pattern(regexp = "[0-9]{1,40}", message = "must be a page id")
                    String> pageIds) {
    }

    @Schema(name = "MetaFormMapping", description = "Question key to the field its answer fills: a lead field, "
            + "custom_fields.<key>, or ignore; a question not named follows the default")
    record MappingRequest(@NotNull @Size(max = 200) Map<@NotBlank @Size(max = 200) String,
            @Size(max = 200) String> mapping) {
    }

    @Schema(name = "MetaReplayed", description = "How many leads are processed again")
    record Replayed(int replayed) {
    }

    private final MetaLeadAds meta;

    MetaAdminController(MetaLeadAds meta) {
        this.meta = meta;
    }

    @GetMapping("/setup")
    @RequiresPermission("settings:manage")
    @Operation(summary = "What the server's Meta app has configured, and the webhook address to give Meta")
    ApiResponse<MetaLeadAds.Setup> setup() {
        return ApiResponse.ok(meta.setup());
    }

    @PostMapping("/connect")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Connect Facebook pages with a user access token",
            description = "Lists the user's pages (/me/accounts), subscribes the app to each chosen page's leadgen "
                    + "field, stores each page token sealed and reads the pages' lead forms. 422 names "
                    + "user_access_token when Meta refuses the token, page_ids for a page the user does not manage; "
                    + "409 when another organization has connected the page.")
    ApiResponse<List<MetaLeadAds.ConnectedPage>> connect(@Valid @RequestBody ConnectRequest request) {
        return ApiResponse.ok(meta.connect(Authenticated.user(), request.userAccessToken(), request.pageIds()),
                "Connected");
    }

    @GetMapping("/pages")
    @RequiresPermission("settings:manage")
    @Operation(summary = "The connected pages with their status and last activity")
    ApiResponse<List<MetaLeadAds.ConnectedPage>> pages() {
        return ApiResponse.ok(meta.pages());
    }

    @GetMapping("/pages/{pageId}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "One connected page")
    ApiResponse<MetaLeadAds.ConnectedPage> page(@PathVariable String pageId) {
        return ApiResponse.ok(meta.page(pageId));
    }

    @DeleteMapping("/pages/{pageId}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Disconnect a page: its token and forms are deleted; leads already taken in stay",
            description = "Disconnecting the last page disconnects Facebook.")
    ApiResponse<Void> disconnect(@PathVariable String pageId) {
        meta.disconnect(Authenticated.user(), pageId);
        return ApiResponse.ok(null, "Page disconnected");
    }

    @GetMapping("/pages/{pageId}/forms")
    @RequiresPermission("settings:manage")
    @Operation(summary = "The page's lead forms with the field each question fills")
    ApiResponse<List<MetaLeadAds.Form>> forms(@PathVariable String pageId) {
        return ApiResponse.ok(meta.forms(pageId));
    }

    @PostMapping("/pages/{pageId}/forms/refresh")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Read the page's lead forms from Meta again; saved mappings stay")
    ApiResponse<List<MetaLeadAds.Form>> refreshForms(@PathVariable String pageId) {
        return ApiResponse.ok(meta.refreshForms(pageId));
    }

    @GetMapping("/forms/{formId}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "One lead form with the field each question fills")
    ApiResponse<MetaLeadAds.Form> form(@PathVariable String formId) {
        return ApiResponse.ok(meta.form(formId));
    }

    @PutMapping("/forms/{formId}/mapping")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Save which field each question of the form fills",
            description = "422 names mapping.<question> for a question the form does not have or a field that "
                    + "does not exist.")
    ApiResponse<MetaLeadAds.Form> saveMapping(@PathVariable String formId, @Valid @RequestBody MappingRequest request) {
        return ApiResponse.ok(meta.saveMapping(Authenticated.user(), formId, request.mapping()), "Mapping saved");
    }

    @GetMapping("/mapping-targets")
    @RequiresPermission("settings:manage")
    @Operation(summary = "The fields a form question can fill: lead fields, the organization's custom fields, ignore")
    ApiResponse<List<MetaLeadAds.Target>> targets() {
        return ApiResponse.ok(meta.targets());
    }

    @GetMapping("/deliveries")
    @RequiresPermission("settings:manage")
    @Operation(summary = "The leads Meta announced, newest first, with their processing status and reason")
    ApiResponse<List<MetaLeadAds.Delivery>> deliveries(
            @Parameter(schema = @Schema(allowableValues = {"received", "processed", "failed"}))
            @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Integer offset) {
        return ApiResponse.page(meta.deliveries(status, PageRequest.of(limit, offset)));
    }

    @GetMapping("/deliveries/{id}")
    @RequiresPermission("settings:manage")
    @Operation(summary = "One lead Meta announced")
    ApiResponse<MetaLeadAds.Delivery> delivery(@PathVariable UUID id) {
        return ApiResponse.ok(meta.delivery(id));
    }

    @PostMapping("/deliveries/{id}/replay")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Process a lead again now", description = "409 when it was already taken in.")
    ApiResponse<MetaLeadAds.Delivery> replay(@PathVariable UUID id) {
        return ApiResponse.ok(meta.replay(Authenticated.user(), id), "Replaying");
    }

    @PostMapping("/deliveries/replay-failed")
    @RequiresPermission("settings:manage")
    @Operation(summary = "Process every failed lead again now")
    ApiResponse<Replayed> replayFailed() {
        return ApiResponse.ok(new Replayed(meta.replayFailed(Authenticated.user())), "Replaying");
    }
}
