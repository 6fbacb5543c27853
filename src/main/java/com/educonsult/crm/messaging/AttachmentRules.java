package com.educonsult.crm.messaging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which files a message may carry: the allowed types, at most {@link #MAX_BYTES} each and {@link #MAX_PER_MESSAGE}
 * per message. SMS carries none. WhatsApp carries one, sent as an image (JPEG, PNG: at most 5 MB, the Cloud API's
 * image limit) or a document (PDF, Word, Excel, plain text); WhatsApp takes WebP only as a sticker and CSV not at
 * all, so those go by email only.
 */
public final class AttachmentRules {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final long WHATSAPP_IMAGE_MAX_BYTES = 5L * 1024 * 1024;
    public static final int MAX_PER_MESSAGE = 5;
    public static final int WHATSAPP_MAX_PER_MESSAGE = 1;

    /** The allowed content types and the file extension each is stored with. */
    public static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("application/pdf", "pdf"),
            Map.entry("image/jpeg", "jpg"),
            Map.entry("image/png", "png"),
            Map.entry("image/webp", "webp"),
            Map.entry("application/msword", "doc"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
            Map.entry("text/csv", "csv"),
            Map.entry("text/plain", "txt"));

    private AttachmentRules() {
    }

    /** The content type without parameters, lower case, when it is allowed. */
    public static Optional<String> allowedType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return TYPES.containsKey(type) ? Optional.of(type) : Optional.empty();
    }

    /** The allowed content type a file name's extension stands for, when it stands for one. */
    public static Optional<String> typeOfFileName(String fileName) {
        if (fileName == null || !fileName.contains(".")) {
            return Optional.empty();
        }
        String extension = fileName.substring(fileName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        if (extension.equals("jpeg")) {
            return Optional.of("image/jpeg");
        }
        return TYPES.entrySet().stream().filter(e -> e.getValue().equals(extension)).map(Map.Entry::getKey)
                .findFirst();
    }

    /** How many files a message of the channel may carry. */
    public static int maxFiles(Channel channel) {
        return switch (channel) {
            case EMAIL -> MAX_PER_MESSAGE;
            case WHATSAPP -> WHATSAPP_MAX_PER_MESSAGE;
            case SMS -> 0;
        };
    }

    /** Why a file of that (allowed) type and size cannot go by the channel, if it cannot; null channel for any. */
    public static Optional<String> refusal(Channel channel, String contentType, long size) {
        if (size <= 0) {
            return Optional.of("is an empty file");
        }
        if (size > MAX_BYTES) {
            return Optional.of("has " + size + " bytes, more than the " + MAX_BYTES + " a message may carry");
        }
        if (channel == Channel.SMS) {
            return Optional.of("an SMS carries no attachment");
        }
        if (channel == Channel.WHATSAPP) {
            if ("image/webp".equals(contentType) || "text/csv".equals(contentType)) {
                return Optional.of("WhatsApp does not take " + contentType + " files: send it by email");
            }
            if (contentType.startsWith("image/") && size > WHATSAPP_IMAGE_MAX_BYTES) {
                return Optional.of("has " + size + " bytes, more than the " + WHATSAPP_IMAGE_MAX_BYTES
                        + " WhatsApp takes for an image");
            }
        }
        return Optional.empty();
    }

    /** How WhatsApp shows the file: {@code image} (JPEG, PNG) or {@code document}. */
    public static String whatsAppKind(String contentType) {
        return "image/jpeg".equals(contentType) || "image/png".equals(contentType) ? "image" : "document";
    }
}
