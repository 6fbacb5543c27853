package crm.client;

import crm.client.api.AuthenticationApi;
import crm.client.api.LeadsApi;
import crm.client.model.AuthRequestsLogin;
import crm.client.model.LeadRequest;
import crm.client.model.LeadView;
import java.util.UUID;

/** What an integrator writes first with a client generated from the document: log in, create a lead, read it. */
public final class RoundTrip {

    private RoundTrip() {
    }

    public static String run(String baseUrl, String organization, String email, String password) throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri(baseUrl);
        String token = new AuthenticationApi(client).authLogin(new AuthRequestsLogin()
                .email(email).password(password).organizationSlug(organization)).getData().getAccessToken();
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        LeadsApi leads = new LeadsApi(client);
        UUID id = leads.leadCreate(new LeadRequest().firstName("Priya").lastName("Sharma")
                .phone("+919812345678").email("priya.sharma@example.test"), UUID.randomUUID().toString())
                .getData().getId();
        LeadView lead = leads.leadGet(id).getData();
        return lead.getFirstName() + " " + lead.getLastName() + " " + lead.getPhone();
    }
}
