package dev.sieve.ingest.decode;

import dev.sieve.ingest.config.CollectorConfigLoader;
import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.topic.DeadLetterReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a request body into memory, never more than {@code limits.max-body-bytes}, before and after gzip
 * decompression (so a small compressed bomb cannot fill the heap).
 */
public final class BodyReader {

    private static final int BUFFER_BYTES = 8192;

    private final int maxBodyBytes;

    public BodyReader(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * @param contentLength   the declared length, or -1 when unknown (chunked)
     * @param contentEncoding the {@code Content-Encoding} header, or null
     * @return the body, decompressed
     * @throws RequestRefusedException 415 for an encoding other than gzip, 413 over the limit, 400 (with the
     *                                 body for the dead-letter topic) for a gzip body that is not gzip
     */
    public byte[] read(InputStream in, long contentLength, String contentEncoding)
            throws RequestRefusedException, IOException {
        boolean gzip = gzip(contentEncoding);
        if (contentLength > maxBodyBytes) {
            throw tooLarge("body is " + contentLength + " bytes");
        }
        byte[] raw = readAtMost(in, "body");
        if (raw.length == 0) {
            throw RequestRefusedException.refused(Status.BAD_REQUEST, "body is empty");
        }
        if (!gzip) {
            return raw;
        }
        try (InputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            return readAtMost(unzipped, "body after gzip decompression");
        } catch (ZipException | java.io.EOFException e) {
            throw RequestRefusedException.unreadable(DeadLetterReason.MALFORMED_GZIP,
                    "body is not valid gzip (Content-Encoding: gzip)", raw);
        }
    }

    private static boolean gzip(String contentEncoding) throws RequestRefusedException {
        if (contentEncoding == null || contentEncoding.isBlank() || contentEncoding.equalsIgnoreCase("identity")) {
            return false;
        }
        if (contentEncoding.trim().equalsIgnoreCase("gzip")) {
            return true;
        }
        throw RequestRefusedException.refused(Status.UNSUPPORTED_MEDIA_TYPE,
                "Content-Encoding " + contentEncoding.trim() + " is not supported: send gzip or no encoding");
    }

    private byte[] readAtMost(InputStream in, String what) throws IOException, RequestRefusedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBodyBytes, BUFFER_BYTES * 8));
        byte[] buffer = new byte[BUFFER_BYTES];
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (out.size() + n > maxBodyBytes) {
                throw tooLarge(what + " exceeds " + maxBodyBytes + " bytes");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private RequestRefusedException tooLarge(String what) {
        return RequestRefusedException.refused(Status.PAYLOAD_TOO_LARGE,
                what + "; the limit is " + maxBodyBytes + " (" + CollectorConfigLoader.LIMITS_MAX_BODY_BYTES + ")");
    }
}
