package dev.wsworld.api.world;

/**
 * The world's update thread: the only thread that may change world state. Network threads hand work
 * to it with {@link #post}; it never waits on the network.
 */
public interface UpdateThread {
    /**
     * Runs the task on the update thread at the start of the next tick, after tasks posted earlier.
     * Safe to call from any thread; never blocks.
     *
     * @param task the work; it must not block either
     */
    void post(Runnable task);

    /**
     * Whether the calling thread is the update thread.
     *
     * @return true on the update thread
     */
    boolean isCurrent();

    /**
     * Number of ticks completed so far. Any thread.
     *
     * @return the tick count
     */
    long tick();

    /**
     * Throws {@link IllegalStateException} naming {@code what} when not called on the update
     * thread.
     *
     * @param what what was attempted, for the message, such as {@code "Disconnect"}
     */
    default void checkCurrent(String what) {
        if (!isCurrent()) {
            throw new IllegalStateException(
                    what
                            + " must run on the world's update thread, not on "
                            + Thread.currentThread().getName());
        }
    }
}
