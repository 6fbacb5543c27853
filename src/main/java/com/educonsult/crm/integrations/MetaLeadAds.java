package com.educonsult.crm.integrations;

import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.web.Page;
import com.educonsult.crm.platform.web.PageRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Meta lead ads (Facebook and Instagram) of the organization: the pages it connected, their lead forms and how
 * each form's questions fill a lead, and the leads Meta announced with their processing status. Methods act in
 * the organization of the current request; ids of another organization are not found (404).
 */
public interface MetaLeadAds {

    @Schema(name = "MetaSetup", description = "What this server's Meta app has configured; a missing item is named "
            + "so an operator knows what to set")
    record Setup(boolean webhookConfigured, boolean oauthConfigured, String webhookUrl, String graphVersion,
            @Schema(description = "Configuration variables still to set") List<String> missing) {
    }

    @Schema(name = "MetaPage", description = "A Facebook page the organization connected; its token is never returned")
    record ConnectedPage(String pageId, String name, boolean subscribed,
            @Schema(allowableValues = {"connected", "error"}) String status, OffsetDateTime connectedAt,
            OffsetDateTime lastActivityAt, String lastError, OffsetDateTime lastErrorAt, int forms) {
    }

    @Schema(name = "MetaFormQuestion", description = "A question of a lead form and the field its answer fills")
    record Question(String key, String label, String type,
            @Schema(description = "A lead field, custom_fields.<key>, ignore, or null: kept in the source details")
            String target) {
    }

    @Schema(name = "MetaForm", description = "A page's lead form with the mapping of its questions")
    record Form(String formId, String pageId, String name, String status, List<Question> questions,
            @Schema(description = "Whether an admin saved a mapping; otherwise the default for Meta's standard "
                    + "questions applies") boolean customized, OffsetDateTime updatedAt) {
    }

    @Schema(name = "MetaMappingTarget", description = "A field a form question can fill")
    record Target(String value, String label) {
    }

    @Schema(name = "MetaAvailablePage", description = "A page the Facebook user manages")
    record AvailablePage(String pageId, String name, String category, boolean connected) {
    }

    @Schema(name = "MetaConnectOffer", description = "The pages a Facebook user manages, to choose from; the user "
            + "token is sealed and only this server can open it")
    record Offer(String sealedUserToken, List<AvailablePage> pages) {
    }

    @Schema(name = "MetaLeadDelivery", description = "One lead Meta announced, with its processing status")
    record Delivery(UUID id, UUID deliveryId, String pageId, String formId, String leadgenId, String adId,
            @Schema(allowableValues = {"facebook", "instagram"}) String platform,
            @Schema(allowableValues = {"received", "processed", "failed"}) String status, String reason,
            int attempts, @Schema(description = "When the next automatic attempt runs; null when none will")
            OffsetDateTime nextAttemptAt, UUID leadId, @Schema(description = "Whether processing created the lead "
                    + "(false: an existing lead took the enquiry)") Boolean leadCreated, OffsetDateTime leadCreatedAt,
            OffsetDateTime receivedAt, OffsetDateTime processedAt) {
    }

    Setup setup();

    /** The address of Meta's OAuth dialog for the user, with a state only this server can make. */
    String authorizationUrl(CurrentUser user, String redirectUri);

    /** Exchanges the dialog's code for the user's token and lists the pages the user manages. */
    Offer exchangeCode(CurrentUser user, String code, String state, String redirectUri);

    /** Connects the pages (all the user manages when none are named) with a user access token. */
    List<ConnectedPage> connect(CurrentUser user, String userAccessToken, List<String> pageIds);

    /** Connects the pages chosen from an offer. */
    List<ConnectedPage> connectOffered(CurrentUser user, String sealedUserToken, List<String> pageIds);

    List<ConnectedPage> pages();

    ConnectedPage page(String pageId);

    void disconnect(CurrentUser user, String pageId);

    List<Form> forms(String pageId);

    /** Reads the page's lead forms from Meta again (new forms, changed questions); mappings stay. */
    List<Form> refreshForms(String pageId);

    Form form(String formId);

    /** Saves which field each question fills (question key to target); questions not named use the default. */
    Form saveMapping(CurrentUser user, String formId, Map<String, String> mapping);

    List<Target> targets();

    Page<Delivery> deliveries(String status, PageRequest page);

    Delivery delivery(UUID id);

    /** Processes the lead again at once, whatever its status. */
    Delivery replay(CurrentUser user, UUID id);

    /** Processes every failed lead again; answers how many. */
    int replayFailed(CurrentUser user);
}
