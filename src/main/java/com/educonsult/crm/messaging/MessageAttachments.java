package com.educonsult.crm.messaging;

import com.educonsult.crm.platform.Ids;
import com.educonsult.crm.platform.security.CurrentUser;
import com.educonsult.crm.platform.storage.ObjectStore;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.FieldError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The files messages carry, kept in document storage: a client asks for an upload URL (type and size checked
 * against {@link AttachmentRules}), uploads the file there itself, then names its key when it sends the message;
 * each key is checked against the stored object ({@link ObjectStore#stat}) when the message is queued. Uploads
 * live under {@code <organization>/attachments/}; other modules may attach any object of the organization (a
 * report's file).
 */
@Service
public class MessageAttachments {

    static final Duration UPLOAD_URL_TTL = Duration.ofMinutes(15);
    static final Duration VIEW_LINK_TTL = Duration.ofMinutes(15);

    /** Where to upload the file: send {@code method} to {@code upload_url} with {@code headers}. */
    @Schema(name = "CommunicationAttachmentTicket")
    public record UploadTicket(
            @Schema(description = "The key to name in a message's attachments once the file is uploaded")
            String key,
            String fileName,
            String contentType,
            long size,
            @Schema(description = "The most bytes the upload may have") long maxBytes,
            String method,
            URI uploadUrl,
            Map<String, String> headers,
            OffsetDateTime expiresAt) {
    }

    private final ObjectStore store;

    MessageAttachments(ObjectStore store) {
        this.store = store;
    }

    /** The organization's prefix of uploaded attachments. */
    public static String uploadPrefix(UUID organizationId) {
        return organizationId + "/attachments/";
    }

    /** An upload URL for a file of an allowed type and size; 422 naming the field otherwise. */
    public UploadTicket requestUpload(CurrentUser user, CommunicationRequests.AttachmentUpload upload) {
        Accepted file = accept(user, upload);
        ObjectStore.PresignedRequest put = store.presignUpload(file.key(), file.contentType(), upload.size(),
                UPLOAD_URL_TTL);
        return new UploadTicket(file.key(), file.fileName(), file.contentType(), upload.size(), upload.size(),
                put.method(), put.url(), put.headers(), put.expiresAt());
    }

    /** A file uploaded through the server (the console's file picker) that a message may then name by its key. */
    public record Uploaded(String key, String fileName, String contentType, long size) {
    }

    /**
     * Stores a file the server received itself, under the same rules as {@link #requestUpload}; a type the client
     * did not know (application/octet-stream) is taken from the file name's extension. 422 naming the field
     * otherwise.
     */
    public Uploaded upload(CurrentUser user, CommunicationRequests.AttachmentUpload upload, InputStream content) {
        String type = AttachmentRules.allowedType(upload.contentType())
                .or(() -> AttachmentRules.typeOfFileName(upload.fileName()))
                .orElse(upload.contentType());
        Accepted file = accept(user, new CommunicationRequests.AttachmentUpload(upload.fileName(), type,
                upload.size(), upload.channel()));
        store.put(file.key(), content, upload.size(), file.contentType());
        return new Uploaded(file.key(), file.fileName(), file.contentType(), upload.size());
    }

    private record Accepted(String key, String fileName, String contentType) {
    }

    private Accepted accept(CurrentUser user, CommunicationRequests.AttachmentUpload upload) {
        if (!user.can("messages:send")) {
            throw ApiException.forbidden("Sending messages needs the messages:send permission");
        }
        List<FieldError> errors = new ArrayList<>();
        String type = AttachmentRules.allowedType(upload.contentType()).orElse(null);
        if (type == null) {
            errors.add(new FieldError("content_type", "must be one of " + allowedList()));
        }
        Channel channel = upload.channel() == null ? null : Channel.fromWire(upload.channel());
        if (upload.size() == null) {
            errors.add(new FieldError("size", "is required"));
        } else if (type != null) {
            AttachmentRules.refusal(channel, type, upload.size()).ifPresent(why -> errors.add(new FieldError(
                    why.contains("bytes") || why.contains("empty") ? "size" : "channel", why)));
        } else if (upload.size() <= 0 || upload.size() > AttachmentRules.MAX_BYTES) {
            errors.add(new FieldError("size", "must be between 1 and " + AttachmentRules.MAX_BYTES + " bytes"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The file cannot be attached", errors);
        }
        String fileName = safeFileName(upload.fileName(), AttachmentRules.TYPES.get(type));
        return new Accepted(uploadPrefix(user.organizationId()) + Ids.newId() + "/" + fileName, fileName, type);
    }

    /**
     * The files checked against storage for a message of the channel: each must be an object of the organization
     * (under {@code requiredPrefix}), of an allowed type, within the channel's size, and there may be no more than
     * the channel takes. 422 naming {@code field[i]} (or {@code field} for the count) otherwise.
     */
    public List<OutgoingMessage.Attachment> check(UUID organizationId, Channel channel, List<NewMessage.File> files,
            String field, String requiredPrefix) {
        if (files.isEmpty()) {
            return List.of();
        }
        int max = AttachmentRules.maxFiles(channel);
        if (files.size() > max) {
            throw ApiException.invalid(field, max == 0 ? "an SMS carries no attachment"
                    : "a " + channel.wire() + " message carries at most " + max
                            + (max == 1 ? " file" : " files"));
        }
        String prefix = requiredPrefix != null ? requiredPrefix : organizationId + "/";
        List<FieldError> errors = new ArrayList<>();
        List<OutgoingMessage.Attachment> checked = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String name = field + "[" + i + "]";
            NewMessage.File file = files.get(i);
            String key = file == null ? null : file.key();
            if (!validKey(key) || !key.startsWith(prefix)) {
                errors.add(new FieldError(name, "is not a file uploaded for the organization's messages"));
                continue;
            }
            Optional<ObjectStore.ObjectInfo> stored = store.stat(key);
            if (stored.isEmpty()) {
                errors.add(new FieldError(name, "was not found in storage: upload the file first"));
                continue;
            }
            String type = AttachmentRules.allowedType(stored.get().contentType()).orElse(null);
            if (type == null) {
                errors.add(new FieldError(name, "has type " + stored.get().contentType() + "; a message may carry "
                        + allowedList()));
                continue;
            }
            Optional<String> refusal = AttachmentRules.refusal(channel, type, stored.get().size());
            if (refusal.isPresent()) {
                errors.add(new FieldError(name, refusal.get()));
                continue;
            }
            String fileName = file.fileName() != null && !file.fileName().isBlank() ? file.fileName().trim()
                    : key.substring(key.lastIndexOf('/') + 1);
            checked.add(new OutgoingMessage.Attachment(key, fileName, type, stored.get().size(), null));
        }
        if (!errors.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "The attachments cannot be sent", errors);
        }
        return checked;
    }

    /** The attachments with fresh signed download links, as the API shows them. */
    public List<OutgoingMessage.Attachment> withLinks(List<OutgoingMessage.Attachment> attachments) {
        return attachments.stream()
                .map(a -> a.key() == null ? a : a.withUrl(store.presignDownload(a.key(), VIEW_LINK_TTL).url()
                        .toString()))
                .toList();
    }

    private static boolean validKey(String key) {
        try {
            ObjectStore.checkedKey(key);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The file name as a key segment: letters, digits, {@code _ . -}, ending in the type's extension. */
    static String safeFileName(String fileName, String extension) {
        String name = fileName == null ? "" : fileName.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[^A-Za-z0-9_.\\-]+", "_")
                .replaceAll("\\.{2,}", ".")
                .replaceAll("^[^A-Za-z0-9]+", "");
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        if (base.isEmpty()) {
            base = "file";
        }
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        return base + "." + extension;
    }

    private static String allowedList() {
        return "PDF, JPEG, PNG, WebP, Word (doc, docx), Excel (xls, xlsx), CSV or plain text ("
                + String.join(", ", AttachmentRules.TYPES.keySet().stream().sorted().toList()).toLowerCase(Locale.ROOT)
                + ")";
    }
}
