package com.educonsult.crm.platform.storage;

import com.educonsult.crm.platform.security.PublicEndpoint;
import com.educonsult.crm.platform.web.ApiException;
import com.educonsult.crm.platform.web.ApiResponse;
import com.educonsult.crm.platform.web.RequestTooLargeException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the local store's signed URLs: the signature is the credential. A tampered, expired or
 * mismatched URL is 403; a body over the signed limit is 413. Downloads honour HTTP Range requests.
 */
@RestController
@ConditionalOnProperty(name = "crm.storage.type", havingValue = "local", matchIfMissing = true)
@Tag(name = "Files")
class LocalFilesController {

    private final LocalObjectStore store;

    LocalFilesController(ObjectStore store) {
        this.store = (LocalObjectStore) store;
    }

    @PutMapping("/files/**")
    @PublicEndpoint
    @Operation(summary = "Upload to a signed URL (from an upload-URL endpoint)")
    ApiResponse<Map<String, Object>> upload(HttpServletRequest request, @RequestParam long expires,
            @RequestParam(defaultValue = "0") long max, @RequestParam(required = false) String type,
            @RequestParam(required = false) String signature,
            @RequestHeader(value = "Content-Type", required = false) String contentType) throws IOException {
        String key = keyOf(request);
        if (!store.accepts("PUT", key, expires, max, type, signature)) {
            throw ApiException.forbidden("The upload URL is invalid or has expired");
        }
        if (type != null && (contentType == null || !MediaType.parseMediaType(contentType).equalsTypeAndSubtype(
                MediaType.parseMediaType(type)))) {
            throw ApiException.invalid("content_type", "must be " + type);
        }
        if (max > 0 && request.getContentLengthLong() > max) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than " + max + " bytes");
        }
        try (InputStream body = limited(request.getInputStream(), max)) {
            store.put(key, body, request.getContentLengthLong(), type != null ? type : contentType);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof RequestTooLargeException tooLarge) {
                throw tooLarge;
            }
            throw e;
        }
        long size = store.stat(key).map(ObjectStore.ObjectInfo::size).orElse(0L);
        return ApiResponse.ok(Map.of("key", key, "size", size));
    }

    @GetMapping("/files/**")
    @PublicEndpoint
    @Operation(summary = "Download from a signed URL; Range requests are supported")
    ResponseEntity<Resource> download(HttpServletRequest request, @RequestParam long expires,
            @RequestParam(required = false) String signature) throws IOException {
        String key = keyOf(request);
        if (!store.accepts("GET", key, expires, 0, null, signature)) {
            throw ApiException.forbidden("The download URL is invalid or has expired");
        }
        Path file = store.pathOf(key);
        if (store.stat(key).isEmpty()) {
            throw ApiException.notFound("File");
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(store.contentTypeOf(file)))
                .header("Accept-Ranges", "bytes")
                .body(new FileSystemResource(file));
    }

    private static String keyOf(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        try {
            return ObjectStore.checkedKey(path.substring(LocalObjectStore.PATH_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("File");
        }
    }

    private static InputStream limited(InputStream in, long max) {
        if (max <= 0) {
            return in;
        }
        return new FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(n, 0));
                return n;
            }

            private void count(int n) throws RequestTooLargeException {
                read += n;
                if (read > max) {
                    throw new RequestTooLargeException(max);
                }
            }
        };
    }
}
