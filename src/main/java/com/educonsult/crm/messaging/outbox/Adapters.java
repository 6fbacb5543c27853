package com.educonsult.crm.messaging.outbox;

import com.educonsult.crm.messaging.Channel;
import com.educonsult.crm.messaging.ChannelAdapter;
import com.educonsult.crm.platform.Tenancy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which adapter sends an organization's messages of a channel: the first real adapter (a {@link ChannelAdapter}
 * bean) that is configured for the organization, else the channel's recording adapter.
 */
@Component
public class Adapters {

    private static final Logger log = LoggerFactory.getLogger(Adapters.class);

    private final ObjectProvider<ChannelAdapter> real;
    private final Tenancy tenancy;
    private final Map<Channel, RecordingAdapter> recording = new EnumMap<>(Channel.class);

    Adapters(ObjectProvider<ChannelAdapter> real, DSLContext db, Tenancy tenancy, JsonMapper json) {
        this.real = real;
        this.tenancy = tenancy;
        for (Channel channel : Channel.values()) {
            recording.put(channel, new RecordingAdapter(channel, db, tenancy, json));
        }
    }

    /** The adapter for the organization's messages of the channel. */
    public ChannelAdapter pick(UUID organizationId, Channel channel) {
        List<ChannelAdapter> candidates = real.orderedStream().filter(a -> a.channel() == channel).toList();
        for (ChannelAdapter adapter : candidates) {
            try {
                if (tenancy.callAs(organizationId, () -> adapter.configuredFor(organizationId))) {
                    return adapter;
                }
            } catch (RuntimeException e) {
                log.warn("Asking {} whether organization {} has it set up failed", name(adapter), organizationId, e);
            }
        }
        return recording.get(channel);
    }

    /** The name kept on a delivery: "recording" for the embedded default, else the adapter's class. */
    public static String name(ChannelAdapter adapter) {
        return adapter instanceof RecordingAdapter ? RecordingAdapter.NAME : adapter.getClass().getSimpleName();
    }
}
