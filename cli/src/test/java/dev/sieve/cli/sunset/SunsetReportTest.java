package dev.sieve.cli.sunset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sieve.sink.sunset.SunsetMode;
import dev.sieve.sink.sunset.SunsetRequest;
import dev.sieve.sink.sunset.TableSunset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SunsetReportTest {

    static final SunsetRequest REQUEST = new SunsetRequest("s-1", "notes", SunsetMode.ANONYMIZE, "dpo@example",
            "discontinued");

    @Test
    void listsEveryTableWithTotalsAndWhatIsLeftToDo() {
        String report = SunsetReport.render(REQUEST, List.of(
                new TableSunset("cn-north", "service_device", 6, 4, 2, "anonymized: subject_id, device_id", true),
                new TableSunset("cn-east", "service_ip", 3, 3, 0, "deleted instead: ip_address in the table's key,"
                        + " which ALTER UPDATE cannot change", true)), false);

        assertThat(report).isEqualTo("""
                sunset s-1 of app notes: anonymize, by dpo@example (discontinued)
                region    table               before     changed        held  what
                cn-north  service_device           6           4           2  anonymized: subject_id, device_id
                cn-east   service_ip               3           3           0  deleted instead: ip_address in the\
                 table's key, which ALTER UPDATE cannot change
                total: 7 rows anonymized (or deleted instead where the table says so), 2 held
                held rows stay while their legal hold lasts: run this sunset again once it is lifted
                to stop new data: remove apps.notes.api-key from the collector's configuration and restart it; once\
                 enrich, anonymize and the sink have caught up with what is already in Kafka, run this sunset again\
                 to remove what they added; do not replay the app's dead letters
                """);
    }

    @Test
    void aDryRunSaysSoAndATableNotHandledMakesItIncomplete() {
        String report = SunsetReport.render(new SunsetRequest("s-2", "notes", SunsetMode.DELETE, "dpo@example", "x"),
                List.of(new TableSunset("cn-north", "odd_table", 0, 0, 0, "not changed: no app_id column, the app's"
                        + " rows cannot be told apart", false)), true);

        assertThat(report).startsWith("sunset s-2 of app notes: delete, by dpo@example (x)\n"
                + "dry run: nothing changed, nothing audited\n"
                + "region    table          before    would go        held  what\n")
                .contains("total: 0 rows would be deleted (or deleted instead where the table says so), 0 held\n"
                        + "some tables could not be handled (see above): the sunset is incomplete\n");
    }
}
