package com.educonsult.crm.calls;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which audio a recording may be and what its file is called; no database. */
final class RecordingFormats {

    static final String DEFAULT_CONTENT_TYPE = "audio/mpeg";

    private static final Pattern AUDIO_TYPE = Pattern.compile("audio/[a-z0-9][a-z0-9.+\\-]{0,60}");
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9]{1,8}");
    private static final Map<String, String> EXTENSIONS = Map.of(
            "audio/mpeg", "mp3", "audio/mp3", "mp3", "audio/mp4", "m4a", "audio/x-m4a", "m4a", "audio/aac", "aac",
            "audio/ogg", "ogg", "audio/opus", "opus", "audio/amr", "amr", "audio/3gpp", "3gp", "audio/wav", "wav");

    private RecordingFormats() {
    }

    /** The content type in lower case when it is an audio type, the default when absent, else empty. */
    static Optional<String> contentType(String declared) {
        if (declared == null || declared.isBlank()) {
            return Optional.of(DEFAULT_CONTENT_TYPE);
        }
        String type = declared.trim().toLowerCase(Locale.ROOT);
        return AUDIO_TYPE.matcher(type).matches() ? Optional.of(type) : Optional.empty();
    }

    /** A format name such as m4a or mp3 (lower case letters and digits), or empty when it is not one. */
    static Optional<String> format(String declared) {
        if (declared == null) {
            return Optional.empty();
        }
        String format = declared.trim().toLowerCase(Locale.ROOT);
        if (format.startsWith(".")) {
            format = format.substring(1);
        }
        return FORMAT.matcher(format).matches() ? Optional.of(format) : Optional.empty();
    }

    /** The format of a recording: the file name's extension, else the content type's usual one. */
    static String formatOf(String fileName, String contentType) {
        if (fileName != null) {
            int dot = fileName.lastIndexOf('.');
            if (dot >= 0) {
                Optional<String> extension = format(fileName.substring(dot + 1));
                if (extension.isPresent()) {
                    return extension.get();
                }
            }
        }
        return EXTENSIONS.getOrDefault(contentType, "audio");
    }
}
