package com.educonsult.crm.messaging;

import java.util.Locale;

/** A channel a message is sent on through a provider. Its wire name is the lower-case name (email, sms, whatsapp). */
public enum Channel {
    EMAIL, SMS, WHATSAPP;

    /** The name used in JSON, in the database and in configuration keys. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The channel of a wire name (case-insensitive); IllegalArgumentException for anything else. */
    public static Channel fromWire(String wire) {
        if (wire != null) {
            for (Channel channel : values()) {
                if (channel.wire().equalsIgnoreCase(wire.trim())) {
                    return channel;
                }
            }
        }
        throw new IllegalArgumentException("Unknown channel: " + wire);
    }
}
