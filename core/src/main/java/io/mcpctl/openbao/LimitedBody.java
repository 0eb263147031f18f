package io.mcpctl.openbao;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * An answer's body as UTF-8 text (OpenBao answers JSON), refused once it grows past a limit: a
 * server that is not OpenBao, or a tenant's own endpoint, must not fill the heap the operator
 * shares between every namespace.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<String> {

  /** The body outgrew the limit; what was read is dropped and the connection closed. */
  static final class TooLongException extends IOException {
    private final transient HttpResponse.ResponseInfo answer;

    TooLongException(long limit, HttpResponse.ResponseInfo answer) {
      super("the answer is longer than " + limit + " bytes");
      this.answer = answer;
    }

    int status() {
      return answer.statusCode();
    }

    Optional<String> header(String name) {
      return answer.headers().firstValue(name);
    }
  }

  private final long limit;
  private final HttpResponse.ResponseInfo answer;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final CompletableFuture<String> body = new CompletableFuture<>();
  private Flow.Subscription subscription;

  private LimitedBody(long limit, HttpResponse.ResponseInfo answer) {
    this.limit = limit;
    this.answer = answer;
  }

  static HttpResponse.BodyHandler<String> handler(long limit) {
    return info -> new LimitedBody(limit, info);
  }

  @Override
  public CompletionStage<String> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (bytes.size() + (long) buffer.remaining() > limit) {
        subscription.cancel();
        body.completeExceptionally(new TooLongException(limit, answer));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      bytes.write(chunk, 0, chunk.length);
    }
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toString(StandardCharsets.UTF_8));
  }
}
