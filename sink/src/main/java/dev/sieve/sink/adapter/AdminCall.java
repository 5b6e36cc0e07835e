package dev.sieve.sink.adapter;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** One call to the Kafka admin API, waited for with a bound, its failure turned into an unchecked exception. */
final class AdminCall {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    interface Call<T> {
        T run() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private AdminCall() {}

    static <T> T run(Call<T> call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to the Kafka admin API", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("Kafka admin API failed: " + cause.getMessage(), cause);
        }
    }
}
