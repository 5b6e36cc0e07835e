package dev.sieve.ingest.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class UnexpectedErrorLoggingTest {

    @Test
    void loggedExceptionsKeepTypeAndStackButNoMessageOfAnyCause() {
        Exception e = new IllegalStateException("cannot parse 'alice@example.com'",
                new IllegalArgumentException("token 13800138000"));

        StringWriter out = new StringWriter();
        CollectorServer.withoutMessage(e).printStackTrace(new PrintWriter(out));

        assertThat(out.toString()).contains("java.lang.IllegalStateException", "java.lang.IllegalArgumentException",
                "UnexpectedErrorLoggingTest").doesNotContain("alice@example.com").doesNotContain("13800138000");
    }
}
