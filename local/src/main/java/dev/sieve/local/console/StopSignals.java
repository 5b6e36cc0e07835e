package dev.sieve.local.console;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Runs an action on Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed) instead of letting the JVM shut
 * down, so the pipeline stops in its own order, its temporary files go and the process exits 0. Shutdown hooks
 * cannot do that: they run in parallel (the ClickHouse engine's own hook would end the engine while the sink
 * still flushes) and the JVM then exits 130 or 143.
 *
 * <p>It uses {@code sun.misc.Signal}, which the JDK keeps exported for exactly this (module jdk.unsupported,
 * JEP 260), reflectively because javac's warning about it cannot be suppressed.
 */
final class StopSignals {

    private StopSignals() {}

    /** Calls {@code onSignal} on the signal-handling thread for every SIGINT, SIGTERM or SIGHUP from now on. */
    static void onInterruptOrTerminate(Runnable onSignal) {
        try {
            Class<?> signal = Class.forName("sun.misc.Signal");
            Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
            Object handler = Proxy.newProxyInstance(StopSignals.class.getClassLoader(), new Class<?>[] {handlerType},
                    (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            onSignal.run();
                            return null;
                        }
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "StopSignals handler";
                        };
                    });
            Method handle = signal.getMethod("handle", signal, handlerType);
            for (String name : new String[] {"INT", "TERM", "HUP"}) {
                handle.invoke(null, signal.getConstructor(String.class).newInstance(name), handler);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("this JVM offers no sun.misc.Signal to stop cleanly on Ctrl-C", e);
        }
    }
}
