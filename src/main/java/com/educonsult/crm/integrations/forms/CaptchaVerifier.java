package com.educonsult.crm.integrations.forms;

import java.util.UUID;

/** The port to a captcha service: whether a visitor's token is one the service issued for the form's site. */
interface CaptchaVerifier {

    enum Verdict {
        /** The service vouches for the token. */
        PASSED,
        /** The service refused the token (wrong, expired, used already). */
        REFUSED,
        /** The service could not be asked or did not answer sensibly. */
        UNAVAILABLE
    }

    Verdict verify(UUID organizationId, String provider, String secret, String token, String remoteIp);
}
