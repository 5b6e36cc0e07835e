package dev.sieve.cli.hold;

import dev.sieve.cli.CliFailure;
import dev.sieve.cli.operate.TextTable;
import dev.sieve.schemas.pseudonym.KeyException;
import dev.sieve.sink.SinkOperations;
import dev.sieve.sink.store.Hold;
import dev.sieve.sink.subject.Subject;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Legal holds as the operator handles them: placed and lifted through the sink's {@link SinkOperations} (every
 * identifier form of the subject, in every region, audited), listed from its hold table. Hold ids are unique: a
 * second hold under an id in force is refused, because lifting removes every hold of an id at once. Lifting an id
 * that is in force nowhere is refused too, so a typo does not audit a lift that lifted nothing.
 */
public final class HoldRegister {

    /** A hold and the regions it is in force in (every region, unless placing it failed half-way). */
    public record Listed(Hold hold, List<String> regions) {}

    private final SinkOperations sink;

    /** @param sink its regions are every configured one, to tell a hold that is missing in one */
    public HoldRegister(SinkOperations sink) {
        this.sink = sink;
    }

    /** Places the hold once the input is checked (only then are the pseudonymization keys loaded). */
    public void add(String holdId, Subject subject, String by, String reason) throws KeyException {
        checkText(holdId, by, reason);
        List<String> where = regionsWith(holdId);
        if (!where.isEmpty()) {
            throw CliFailure.failed("legal hold " + holdId + " already exists (in " + String.join(", ", where)
                    + "): choose another --id, or remove it first");
        }
        sink.placeHold(holdId, subject, by, reason);
    }

    public void remove(String holdId, String by, String reason) throws KeyException {
        checkText(holdId, by, reason);
        if (regionsWith(holdId).isEmpty()) {
            throw CliFailure.failed("no legal hold " + holdId + " is in force; see sieve legal-hold list");
        }
        sink.liftHold(holdId, by, reason);
    }

    /** Every hold in force, oldest first, once each with the regions that have it. */
    public List<Listed> list() {
        Map<String, Hold> first = new LinkedHashMap<>();
        Map<String, List<String>> in = new LinkedHashMap<>();
        sink.holds().forEach((region, holds) -> holds.forEach(h -> {
            first.putIfAbsent(h.holdId(), h);
            in.computeIfAbsent(h.holdId(), k -> new ArrayList<>()).add(region);
        }));
        return first.values().stream().sorted(Comparator.comparing(Hold::placedAt)
                .thenComparing(Hold::holdId)).map(h -> new Listed(h, in.get(h.holdId()))).toList();
    }

    /** Holds that some of the configured regions lacks: placing them failed half-way. */
    public static List<String> incomplete(List<Listed> listed, List<String> regions) {
        return listed.stream().filter(l -> !l.regions().containsAll(regions)).map(l -> l.hold().holdId()).toList();
    }

    /**
     * The list as a table. Who a hold covers is masked unless {@code showSubjects}: that a person is under a legal
     * hold is itself sensitive, and listings end up in tickets and chat; the operator who needs the subject asks.
     */
    public static String format(List<Listed> listed, boolean showSubjects) {
        if (listed.isEmpty()) {
            return "no legal holds in force\n";
        }
        TextTable table = new TextTable(List.of("HOLD", "PLACED BY", "PLACED AT", "COVERS", "REGIONS", "REASON"));
        for (Listed l : listed) {
            Hold h = l.hold();
            table.row(List.of(h.holdId(), h.placedBy(), h.placedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                    covers(h.subject(), showSubjects), String.join(",", l.regions()), h.reason()));
        }
        return table.toString();
    }

    static String covers(Subject s, boolean show) {
        List<String> parts = new ArrayList<>();
        s.subjectId().ifPresent(id -> parts.add(show ? "subject " + id : "subject"));
        s.deviceId().ifPresent(id -> parts.add(show ? "device " + id : "device"));
        return String.join(", ", parts) + (show ? "" : " (hidden)");
    }

    private List<String> regionsWith(String holdId) {
        List<String> out = new ArrayList<>();
        sink.holds(holdId).forEach((region, holds) -> {
            if (!holds.isEmpty()) {
                out.add(region);
            }
        });
        return out;
    }

    private static void checkText(String holdId, String by, String reason) {
        if (holdId.isBlank()) {
            throw CliFailure.usage("--id must name the hold");
        }
        if (by.isBlank()) {
            throw CliFailure.usage("--by must name who places or lifts the hold");
        }
        if (reason.isBlank()) {
            throw CliFailure.usage("--reason must give the legal ground");
        }
    }
}
