package com.educonsult.crm.web;

import com.educonsult.crm.platform.live.LiveStreams;
import com.educonsult.crm.platform.security.Authenticated;
import com.educonsult.crm.platform.security.RequiresPermission;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The console's live updates: the same event stream as the API's, over the browser's session. */
@Controller
class LiveController {

    private final LiveStreams streams;

    LiveController(LiveStreams streams) {
        this.streams = streams;
    }

    @GetMapping(path = "/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresPermission("profile:manage")
    SseEmitter live() {
        return streams.open(Authenticated.user());
    }
}
