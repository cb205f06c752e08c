package dev.tianshu.common.concurrent;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Blocking work (CPU-heavy or waiting) off the event loop, with its result delivered back on the caller's Vert.x
 * context. Without the way back, what follows (a reactive SQL client call, writing the HTTP response) continues on a
 * worker thread or on another context, where the request's CDI context is not active.
 */
public final class Blocking {

    private Blocking() {
    }

    /** {@code work} on a worker thread; its item (or failure) on the context that called this, if there is one. */
    public static <T> Uni<T> call(Supplier<T> work) {
        Context caller = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return caller == null ? uni : uni.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }
}
