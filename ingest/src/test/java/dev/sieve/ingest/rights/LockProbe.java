package dev.sieve.ingest.rights;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Run as a process of its own: prints whether another process holds a lock on the file named by its argument. */
public final class LockProbe {

    static final String HELD = "held";
    static final String FREE = "free";

    private LockProbe() {}

    public static void main(String[] args) throws Exception {
        try (FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            System.out.println(lock == null ? HELD : FREE);
        }
    }
}
