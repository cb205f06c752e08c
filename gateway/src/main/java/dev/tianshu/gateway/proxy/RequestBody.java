package dev.tianshu.gateway.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * The client's request body on its way to the upstream: counts the bytes against the route's limit, records when
 * data last arrived (for the response timeout of slow uploads) and, once the exchange is abandoned, drains and drops
 * the rest so the client can read the gateway's answer.
 * <p>
 * It owns the handlers of the source stream; the proxy's pipe sees only this stream. Used on the event loop only.
 */
final class RequestBody implements ReadStream<Buffer> {

    interface Listener {
        void bodyTooLarge(long limit);
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private final Listener listener;

    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private Handler<Void> whenEnded;
    private long received;
    private long lastActivity;
    private boolean ended;
    private boolean discarding;

    RequestBody(ReadStream<Buffer> source, long limit, Listener listener) {
        this.source = source;
        this.limit = limit;
        this.listener = listener;
        this.lastActivity = System.nanoTime();
        source.handler(this::onData);
        source.endHandler(this::onEnd);
        source.exceptionHandler(this::onException);
    }

    private void onData(Buffer chunk) {
        if (discarding) {
            return;
        }
        lastActivity = System.nanoTime();
        received += chunk.length();
        if (received > limit) {
            listener.bodyTooLarge(limit);
            return;
        }
        Handler<Buffer> h = handler;
        if (h != null) {
            h.handle(chunk);
        }
    }

    private void onEnd(Void v) {
        ended = true;
        lastActivity = System.nanoTime();
        Handler<Void> after = whenEnded;
        whenEnded = null;
        if (after != null) {
            after.handle(null);
        }
        if (!discarding) {
            Handler<Void> h = endHandler;
            if (h != null) {
                h.handle(null);
            }
        }
    }

    private void onException(Throwable failure) {
        Handler<Throwable> h = exceptionHandler;
        if (h != null && !discarding) {
            h.handle(failure);
        }
    }

    /** Stops forwarding: from now on the rest of the body is read and dropped. */
    void discard() {
        if (!discarding) {
            discarding = true;
            source.resume();
        }
    }

    /** Runs {@code action} once the client has sent the whole body (at once if it has). */
    void whenEnded(Handler<Void> action) {
        if (ended) {
            action.handle(null);
        } else {
            whenEnded = action;
        }
    }

    boolean ended() {
        return ended;
    }

    long lastActivity() {
        return lastActivity;
    }

    @Override
    public RequestBody handler(Handler<Buffer> handler) {
        this.handler = handler;
        return this;
    }

    @Override
    public RequestBody endHandler(Handler<Void> endHandler) {
        this.endHandler = endHandler;
        return this;
    }

    @Override
    public RequestBody exceptionHandler(Handler<Throwable> handler) {
        this.exceptionHandler = handler;
        return this;
    }

    @Override
    public RequestBody pause() {
        if (!discarding) {
            source.pause();
        }
        return this;
    }

    @Override
    public RequestBody resume() {
        source.resume();
        return this;
    }

    @Override
    public RequestBody fetch(long amount) {
        source.fetch(amount);
        return this;
    }
}
