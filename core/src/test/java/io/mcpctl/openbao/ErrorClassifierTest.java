package io.mcpctl.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorClassifierTest {

  private static final String REQUEST = "GET auth/token/lookup-self";
  private static final String ACL_DENIED =
      "{\"errors\":[\"1 error occurred:\\n\\t* permission denied\\n\\n\"]}";
  private static final String TOKEN_DENIED = "{\"errors\":[\"permission denied\"]}";

  static Stream<Arguments> answers() {
    return Stream.of(
        Arguments.of(
            "a 403 with the plain body means the token is missing, expired or revoked",
            403,
            TOKEN_DENIED,
            TokenRejectedException.class),
        Arguments.of(
            "a 403 with Vault's extra invalid-token message is a rejected token",
            403,
            "{\"errors\":[\"permission denied\",\"invalid token\"]}",
            TokenRejectedException.class),
        Arguments.of(
            "a 403 with the multierror body is an ACL denial",
            403,
            ACL_DENIED,
            PermissionDeniedException.class),
        Arguments.of(
            "a 403 from the mount preflight is an ACL denial",
            403,
            "{\"errors\":[\"preflight capability check returned 403, please ensure client's"
                + " policies grant access to path \\\"secret/\\\"\"]}",
            PermissionDeniedException.class),
        Arguments.of(
            "a 403 without a body is an ACL denial, not a token verdict",
            403,
            "",
            PermissionDeniedException.class),
        Arguments.of(
            "a 404 with an empty errors array is not found",
            404,
            "{\"errors\":[]}",
            NotFoundException.class),
        Arguments.of(
            "a 503 saying Vault is sealed is sealed",
            503,
            "{\"errors\":[\"Vault is sealed\"]}",
            SealedException.class),
        Arguments.of(
            "a 503 without the sealed message is a server error",
            503,
            "<html>Service Unavailable</html>",
            ServerErrorException.class),
        Arguments.of(
            "a 429 is rate limited",
            429,
            "{\"errors\":[\"request path \\\"secret/data/x\\\": rate limit quota exceeded\"]}",
            RateLimitedException.class),
        Arguments.of(
            "a 400 is a bad request",
            400,
            "{\"errors\":[\"unknown role mcpctl-x-rotator\"]}",
            BadRequestException.class),
        Arguments.of(
            "a 405 is a bad request",
            405,
            "{\"errors\":[\"1 error occurred:\\n\\t* unsupported operation\\n\\n\"]}",
            BadRequestException.class),
        Arguments.of(
            "a 415 is a bad request",
            415,
            "{\"errors\":[\"PATCH requires\"]}",
            BadRequestException.class),
        Arguments.of(
            "a 500 is a server error",
            500,
            "{\"errors\":[\"1 error occurred:\\n\\t* internal error\\n\\n\"]}",
            ServerErrorException.class),
        Arguments.of(
            "a 502 from a proxy is a server error", 502, "bad gateway", ServerErrorException.class),
        Arguments.of(
            "a 307 redirect from a standby is reported, not followed",
            307,
            "",
            ServerErrorException.class));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void classifiesStatusAndBody(
      String sentence, int status, String body, Class<? extends OpenBaoException> expected) {
    OpenBaoException exception =
        ErrorClassifier.fromResponse(REQUEST, status, body, Optional.empty(), Optional.empty());

    assertThat(exception).isExactlyInstanceOf(expected);
    assertThat(exception.status()).isEqualTo(status);
    assertThat(exception.request()).isEqualTo(REQUEST);
    assertThat(exception.getMessage()).contains(REQUEST).endsWith(".");
  }

  @Test
  void keepsOpenBaosMessagesAndUnwrapsMultierrorForHumans() {
    OpenBaoException exception =
        ErrorClassifier.fromResponse(
            "POST auth/token/lookup-accessor",
            400,
            "{\"errors\":[\"1 error occurred:\\n\\t* invalid accessor\\n\\n\"]}",
            Optional.empty(),
            Optional.empty());

    assertThat(exception.errors()).containsExactly("1 error occurred:\n\t* invalid accessor\n\n");
    assertThat(exception.getMessage())
        .isEqualTo(
            "OpenBao refused POST auth/token/lookup-accessor as invalid (400: invalid accessor).");
    assertThat(((BadRequestException) exception).mentions("Invalid Accessor")).isTrue();
  }

  @Test
  void readableJoinsSeveralWrappedErrors() {
    assertThat(
            ErrorClassifier.readable(
                List.of("2 errors occurred:\n\t* first\n\t* second\n\n", "plain one")))
        .isEqualTo("first; second; plain one");
  }

  @Test
  void aServersLongOrMultiLineMessageIsQuotedOnOneShortLine() {
    String message =
        ErrorClassifier.fromResponse(
                "GET auth/token/lookup-self",
                500,
                "{\"errors\":[\"boom\\r\\nlevel=ERROR forged=line "
                    + "x".repeat(1_000_000)
                    + "\"]}",
                Optional.empty(),
                Optional.empty())
            .getMessage();

    assertThat(message).doesNotContain("\n").doesNotContain("\r").contains("boom??level=ERROR");
    assertThat(message.length()).isLessThan(ErrorClassifier.READABLE_LENGTH + 200);
  }

  @Test
  void rateLimitCarriesRetryAfterSeconds() {
    RateLimitedException exception =
        (RateLimitedException)
            ErrorClassifier.fromResponse(
                "POST secret/data/x", 429, "{\"errors\":[]}", Optional.of("7"), Optional.empty());

    assertThat(exception.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(exception.getMessage()).contains("retry after 7s");
  }

  @Test
  void rateLimitWithoutUsableRetryAfterHasNone() {
    assertThat(ErrorClassifier.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
    assertThat(ErrorClassifier.parseRetryAfter("-3")).isEmpty();
    assertThat(ErrorClassifier.parseRetryAfter(" 12 ")).contains(Duration.ofSeconds(12));
  }

  @Test
  void aTokenEchoedByTheServerIsRedactedFromErrorsAndMessage() {
    VaultToken token = VaultToken.of("s.EchoedTokenValue1234567");
    OpenBaoException exception =
        ErrorClassifier.fromResponse(
            "POST auth/token/create",
            400,
            "{\"errors\":[\"bad value s.EchoedTokenValue1234567 here\"]}",
            Optional.empty(),
            Optional.of(token));

    assertThat(exception.getMessage()).doesNotContain(token.reveal()).contains("****");
    assertThat(exception.errors()).noneMatch(e -> e.contains(token.reveal()));
    assertThat(exception.toString()).doesNotContain(token.reveal());
  }

  @Test
  void anUnparseableBodyGivesNoErrorsButStillTheStatus() {
    OpenBaoException exception =
        ErrorClassifier.fromResponse(REQUEST, 500, "<html>", Optional.empty(), Optional.empty());

    assertThat(exception.errors()).isEmpty();
    assertThat(exception.getMessage()).contains("(500)");
  }

  static Stream<Arguments> ioFailures() {
    return Stream.of(
        Arguments.of(
            "a refused connection is unreachable: refused",
            new ConnectException("Connection refused"),
            UnreachableException.Reason.CONNECTION_REFUSED),
        Arguments.of(
            "an unresolvable host is unreachable: unknown host",
            wrap(new ConnectException(), new UnresolvedAddressException()),
            UnreachableException.Reason.UNKNOWN_HOST),
        Arguments.of(
            "a connect timeout is unreachable: connect timeout",
            new HttpConnectTimeoutException("HTTP connect timed out"),
            UnreachableException.Reason.CONNECT_TIMEOUT),
        Arguments.of(
            "a request timeout is unreachable: request timeout",
            new HttpTimeoutException("request timed out"),
            UnreachableException.Reason.REQUEST_TIMEOUT),
        Arguments.of(
            "a closed connection is unreachable: reset",
            new IOException("HTTP/1.1 header parser received no bytes"),
            UnreachableException.Reason.CONNECTION_RESET),
        Arguments.of(
            "a reset socket is unreachable: reset",
            new java.net.SocketException("Connection reset"),
            UnreachableException.Reason.CONNECTION_RESET));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("ioFailures")
  void classifiesIoFailures(
      String sentence, IOException failure, UnreachableException.Reason expected) {
    OpenBaoException exception =
        ErrorClassifier.fromIoFailure(REQUEST, URI.create("https://bao:8200"), failure);

    assertThat(exception).isInstanceOf(UnreachableException.class);
    assertThat(((UnreachableException) exception).reason()).isEqualTo(expected);
    assertThat(exception.status()).isZero();
    assertThat(exception.getMessage()).contains("https://bao:8200").contains(REQUEST);
  }

  @Test
  void aHandshakeFailureAnywhereInTheCauseChainIsATlsFailure() {
    IOException failure =
        wrap(new IOException("wrapped"), new SSLHandshakeException("PKIX path building failed"));

    OpenBaoException exception =
        ErrorClassifier.fromIoFailure(REQUEST, URI.create("https://bao:8200"), failure);

    assertThat(exception).isInstanceOf(TlsFailureException.class);
    assertThat(exception.getMessage()).contains("PKIX path building failed").contains("CA bundle");
  }

  private static IOException wrap(IOException outer, Throwable cause) {
    outer.initCause(cause);
    return outer;
  }
}
