package io.insurecrm.platform;

import org.slf4j.Logger;

/**
 * Work started once when the application is ready (a first placement, a first snapshot) that must not hold up
 * start-up: it runs on its own daemon thread, and a failure is logged for the nightly run to retry.
 */
public final class BackgroundTask {

    private BackgroundTask() {
    }

    public static void start(String name, Runnable work, Logger log, String failure) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn(failure, e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
