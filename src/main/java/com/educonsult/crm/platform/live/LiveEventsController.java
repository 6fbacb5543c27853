package com.educonsult.crm.platform.live;

import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
@Tag(name = "Live updates")
class LiveEventsController {

    private final LiveStreams streams;

    LiveEventsController(LiveStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/api/v1/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission("notifications:read")
    @Operation(summary = "Server-Sent Events of the organization that the caller may see",
            description = "Events: lead.created, lead.updated, lead.assigned, lead.status_changed, lead.deleted, "
                    + "note.added; each `data` is a small JSON object with ids and names. Delivered from every server "
                    + "process sharing the database. A comment line is sent every 20 seconds to keep the stream open.")
    SseEmitter stream() {
        return streams.open(Authenticated.user());
    }
}
