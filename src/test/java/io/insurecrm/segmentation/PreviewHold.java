package io.insurecrm.segmentation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For tests outside this package (the browser tests): holds the application's what-if previews RUNNING until
 * {@link #close()} lets them go, so that their progress can be seen before their result.
 */
public final class PreviewHold implements AutoCloseable {

    private final SegmentPreviews previews;
    private final CountDownLatch release = new CountDownLatch(1);

    public PreviewHold(SegmentPreviews previews) {
        this.previews = previews;
        previews.hook(id -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Lets the held previews run, and the next ones start at once. */
    @Override
    public void close() {
        previews.hook(id -> { });
        release.countDown();
    }
}
