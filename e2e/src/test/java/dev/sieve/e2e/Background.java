package dev.sieve.e2e;

import dev.sieve.schemas.contract.EventFamily;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Traffic from people without any consent on file, flowing while ops act, so every control action happens mid-run.
 * {@link #pause()} returns once the sender stopped and the collector answered all it sent, so the tables can be
 * compared with a known set of events; {@link #resume()} lets it go on.
 */
final class Background implements AutoCloseable {

    private final Traffic traffic;
    private final List<Person> people;
    private final Thread thread;
    private boolean paused;
    private boolean sending;
    private boolean stopped;

    Background(Traffic traffic, List<Person> people) {
        this.traffic = traffic;
        this.people = people;
        this.thread = new Thread(this::run, "e2e-background");
        thread.start();
    }

    private void run() {
        Random random = new Random(7);
        try {
            while (true) {
                synchronized (this) {
                    sending = false;
                    notifyAll();
                    while (paused && !stopped) {
                        wait();
                    }
                    if (stopped) {
                        return;
                    }
                    sending = true;
                }
                Person p = people.get(random.nextInt(people.size()));
                traffic.send(EventFamily.values()[random.nextInt(EventFamily.values().length)], p, Instant.now(),
                        Set.of());
                Thread.sleep(40);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void pause() throws InterruptedException {
        paused = true;
        while (sending) {
            wait();
        }
        traffic.flush();
    }

    synchronized void resume() {
        paused = false;
        notifyAll();
    }

    List<Sent> sent() {
        return traffic.sent();
    }

    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            stopped = true;
            notifyAll();
        }
        thread.join();
        traffic.close();
    }
}
