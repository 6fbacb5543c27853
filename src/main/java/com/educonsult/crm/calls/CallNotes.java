package com.educonsult.crm.calls;

import com.educonsult.crm.platform.security.CurrentUser;
import java.util.UUID;

/** What other modules may do with calls' notes. Callers run inside a transaction of the organization. */
public interface CallNotes {

    /**
     * Writes the note the user took on one of their own calls with the given lead, as the app's note sync does
     * (the lead's note for the call follows through {@link CallNoted}): 422 naming {@code field} when the call is
     * not the user's or not with that lead.
     */
    void saveFromApp(CurrentUser user, UUID callId, UUID leadId, String content, String field);

    /**
     * Writes a call's note that was edited on the web as the lead's note for the call (the caller writes that note
     * itself), so that both stay one text and the caller's phone fetches it as changed on the web. Locks the call
     * first, as every writer of a call's note does. A call that no longer exists is left alone.
     */
    void saveFromLeadNote(CurrentUser user, UUID callId, String content);
}
