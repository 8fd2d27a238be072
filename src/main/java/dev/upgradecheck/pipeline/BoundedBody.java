package dev.upgradecheck.pipeline;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit: a URL that points at something other than Kafka Connect (or a
 * hostile server) cannot make the tool allocate without bound. Over the limit the download is cancelled.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    static final class TooLargeException extends IOException {
        TooLargeException(long limit) {
            super("the answer is larger than " + limit + " bytes");
        }
    }

    private final long limit;
    private final HttpResponse.BodySubscriber<byte[]> bytes = HttpResponse.BodySubscribers.ofByteArray();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long received;

    BoundedBody(long limit) {
        this.limit = limit;
        bytes.getBody().whenComplete((value, error) -> {
            if (error != null) {
                body.completeExceptionally(error);
            } else {
                body.complete(value);
            }
        });
    }

    static HttpResponse.BodyHandler<byte[]> handler(long limit) {
        return info -> new BoundedBody(limit);
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        bytes.onSubscribe(s);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            received += item.remaining();
        }
        if (received > limit) {
            subscription.cancel();
            body.completeExceptionally(new TooLargeException(limit));
            return;
        }
        bytes.onNext(items);
    }

    @Override
    public void onError(Throwable error) {
        bytes.onError(error);
    }

    @Override
    public void onComplete() {
        bytes.onComplete();
    }
}
