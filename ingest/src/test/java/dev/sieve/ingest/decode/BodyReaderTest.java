package dev.sieve.ingest.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sieve.ingest.model.RequestRefusedException.Status;
import dev.sieve.ingest.model.RequestRefusedException;
import dev.sieve.schemas.topic.DeadLetterReason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyReaderTest {

    private final BodyReader reader = new BodyReader(100);

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    private byte[] read(byte[] body, long contentLength, String encoding) throws Exception {
        return reader.read(new ByteArrayInputStream(body), contentLength, encoding);
    }

    @Test
    void readsPlainAndGzippedBodies() throws Exception {
        byte[] body = "{\"events\":[]}".getBytes();
        assertThat(read(body, body.length, null)).isEqualTo(body);
        assertThat(read(body, -1, "identity")).isEqualTo(body);
        assertThat(read(gzip(body), -1, "gzip")).isEqualTo(body);
        assertThat(read(gzip(body), -1, " GZIP ")).isEqualTo(body);
    }

    @Test
    void refusesBodiesOverTheLimitBeforeAndAfterDecompression() throws Exception {
        assertThatThrownBy(() -> read(new byte[10], 101, null))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.PAYLOAD_TOO_LARGE);
                    assertThat(e.deadLetter()).isEmpty();
                })
                .hasMessage("body is 101 bytes; the limit is 100 (limits.max-body-bytes)");
        assertThatThrownBy(() -> read(new byte[101], -1, null))
                .hasMessage("body exceeds 100 bytes; the limit is 100 (limits.max-body-bytes)");
        byte[] bomb = gzip(new byte[10_000]);
        assertThat(bomb.length).isLessThan(100);
        assertThatThrownBy(() -> read(bomb, bomb.length, "gzip"))
                .hasMessage("body after gzip decompression exceeds 100 bytes; the limit is 100 (limits.max-body-bytes)");
    }

    @Test
    void aGzipBodyThatIsNotGzipGoesToTheDeadLetters() {
        byte[] body = "{\"events\":[]}".getBytes();
        assertThatThrownBy(() -> read(body, body.length, "gzip"))
                .isInstanceOfSatisfying(RequestRefusedException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.BAD_REQUEST);
                    assertThat(e.deadLetter().orElseThrow().reason()).isEqualTo(DeadLetterReason.MALFORMED_GZIP);
                    assertThat(e.deadLetter().orElseThrow().body()).isEqualTo(body);
                })
                .hasMessage("body is not valid gzip (Content-Encoding: gzip)");
    }

    @Test
    void refusesOtherEncodingsAndEmptyBodies() {
        assertThatThrownBy(() -> read(new byte[1], 1, "br"))
                .isInstanceOfSatisfying(RequestRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.UNSUPPORTED_MEDIA_TYPE))
                .hasMessage("Content-Encoding br is not supported: send gzip or no encoding");
        assertThatThrownBy(() -> read(new byte[0], 0, null))
                .isInstanceOfSatisfying(RequestRefusedException.class,
                        e -> assertThat(e.status()).isEqualTo(Status.BAD_REQUEST))
                .hasMessage("body is empty");
    }
}
