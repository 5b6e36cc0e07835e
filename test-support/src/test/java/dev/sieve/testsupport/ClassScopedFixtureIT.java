package dev.sieve.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fixture registered on a test class also serves its {@code @Nested} classes, started once. */
class ClassScopedFixtureIT {

    @RegisterExtension
    static final ClickHouseEngine CLICKHOUSE = new ClickHouseEngine();

    @BeforeAll
    static void createMarker() {
        CLICKHOUSE.execute("CREATE DATABASE outer_marker");
    }

    @Test
    void outerClassUsesTheEngine() {
        assertThat(markers()).containsExactly(List.of("outer_marker"));
    }

    @Nested
    class Inner {
        @Test
        void reusesTheOuterClassEngine() {
            // A second start() would throw, and a fresh engine would not have the marker.
            assertThat(markers()).containsExactly(List.of("outer_marker"));
        }
    }

    private static List<List<String>> markers() {
        return CLICKHOUSE.rows("SELECT name FROM system.databases WHERE name = 'outer_marker'");
    }
}
