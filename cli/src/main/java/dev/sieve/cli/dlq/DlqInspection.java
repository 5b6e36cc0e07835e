package dev.sieve.cli.dlq;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One stage's dead letters summed up: how many by reason, by source topic and by app, the oldest and newest, and
 * the metadata of the first few. Their contents are kept and shown only when asked for.
 */
final class DlqInspection {

    /** One listed dead letter; key and value only when contents were asked for. */
    record Listed(DeadLetterMetadata meta, Optional<byte[]> key, Optional<byte[]> value) {}

    private final String topic;
    private final String scope;
    private final int limit;
    private final boolean contents;
    private final Map<String, Long> byReason = new TreeMap<>();
    private final Map<String, Long> bySource = new TreeMap<>();
    private final Map<String, Long> byApp = new TreeMap<>();
    private final List<Listed> listed = new ArrayList<>();
    private long count;
    private long failedReplays;
    private Instant oldest;
    private Instant newest;

    /**
     * @param scope    what was read, e.g. {@code pending replay}
     * @param limit    how many dead letters to list
     * @param contents whether to keep the listed ones' key and value
     */
    DlqInspection(String topic, String scope, int limit, boolean contents) {
        this.topic = topic;
        this.scope = scope;
        this.limit = limit;
        this.contents = contents;
    }

    void add(DeadLetterMetadata meta, String reasonKey, byte[] key, byte[] value) {
        count++;
        byReason.merge(reasonKey, 1L, Long::sum);
        bySource.merge(meta.sourceTopic().orElse("none"), 1L, Long::sum);
        byApp.merge(meta.app().orElse("none"), 1L, Long::sum);
        if (meta.failedReplayOf(topic)) {
            failedReplays++;
        }
        oldest = oldest == null || meta.time().isBefore(oldest) ? meta.time() : oldest;
        newest = newest == null || meta.time().isAfter(newest) ? meta.time() : newest;
        if (listed.size() < limit) {
            listed.add(new Listed(meta, contents ? Optional.ofNullable(key) : Optional.empty(),
                    contents ? Optional.ofNullable(value) : Optional.empty()));
        }
    }

    String render() {
        StringBuilder out = new StringBuilder(topic).append(": ").append(count).append(" dead letter")
                .append(count == 1 ? "" : "s").append(", ").append(scope).append('\n');
        if (count == 0) {
            return out.toString();
        }
        out.append("  by reason: ").append(counts(byReason)).append('\n');
        out.append("  by source topic: ").append(counts(bySource)).append('\n');
        out.append("  by app: ").append(counts(byApp)).append('\n');
        out.append("  oldest ").append(oldest).append(", newest ").append(newest).append('\n');
        out.append("  failed replays among them (never replayed again): ").append(failedReplays).append('\n');
        if (listed.isEmpty()) {
            return out.toString();
        }
        out.append("  first ").append(listed.size()).append(" (partition:offset, time, reason, app, source topic,"
                + " size):\n");
        for (Listed l : listed) {
            DeadLetterMetadata m = l.meta();
            out.append("    ").append(m.partition()).append(':').append(m.offset()).append("  ").append(m.time())
                    .append("  ").append(m.reason().orElse("none")).append("  app ").append(m.app().orElse("none"))
                    .append("  source ").append(m.sourceTopic().orElse("none")).append("  ").append(m.size())
                    .append(" bytes").append(m.replayedFrom().map(r -> "  replay of " + r).orElse("")).append('\n');
            if (!m.detail().isEmpty()) {
                out.append("      detail: ").append(m.detail()).append('\n');
            }
            if (contents) {
                out.append("      key: ").append(l.key().map(DlqInspection::printable).orElse("none")).append('\n');
                out.append("      value: ").append(l.value().map(DlqInspection::printable).orElse("none"))
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static String counts(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    /** UTF-8 text on one line ({@code text "..."}, escaped), anything else as {@code base64 ...}. */
    static String printable(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.chars().noneMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                return "text \"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                        .replace("\r", "\\r").replace("\t", "\\t") + "\"";
            }
        } catch (CharacterCodingException e) {
            // not text: fall through
        }
        return "base64 " + Base64.getEncoder().encodeToString(bytes);
    }
}
