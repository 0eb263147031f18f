package io.mcpctl.openbao;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcpctl.text.Sentences;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Turns a failed exchange into the typed exception: HTTP status plus OpenBao's error body, or the
 * I/O failure that prevented an answer. Branches on the status and uses {@code contains} on
 * messages, as the reference asks; only the two 403 bodies are told apart by shape.
 */
final class ErrorClassifier {

  private static final String PERMISSION_DENIED = "permission denied";
  private static final Pattern MULTI_ERROR =
      Pattern.compile("(?s)^\\s*\\d+ errors? occurred:\\s*(.*)$");
  private static final String REDACTED = "****";

  /** The longest an OpenBao message is quoted; a condition message may hold 32 KiB. */
  static final int READABLE_LENGTH = 1000;

  private ErrorClassifier() {}

  /**
   * The exception for a non-success answer.
   *
   * @param request {@code METHOD path}, for the message
   * @param retryAfter the {@code Retry-After} header, if any
   * @param token the token sent, removed from anything OpenBao might have echoed
   */
  static OpenBaoException fromResponse(
      String request,
      int status,
      String body,
      Optional<String> retryAfter,
      Optional<VaultToken> token) {
    List<String> errors = redact(errorsOf(body), token);
    String readable = readable(errors);
    if (status == 403) {
      if (isTokenRejection(errors)) {
        return new TokenRejectedException(
            "OpenBao rejected the token on "
                + request
                + ": it is missing, expired or revoked; provide a valid token.",
            request,
            errors);
      }
      return new PermissionDeniedException(
          "OpenBao denied "
              + request
              + ": the token's policies do not allow it ("
              + (readable.isEmpty() ? PERMISSION_DENIED : readable)
              + ").",
          request,
          errors);
    }
    if (status == 404) {
      return new NotFoundException(
          "OpenBao found nothing at "
              + request
              + (readable.isEmpty() ? "" : " (" + readable + ")")
              + ".",
          request,
          errors);
    }
    if (status == 429) {
      Optional<Duration> wait = retryAfter.flatMap(ErrorClassifier::parseRetryAfter);
      return new RateLimitedException(
          "OpenBao rate-limited "
              + request
              + wait.map(d -> "; retry after " + d.toSeconds() + "s.").orElse("; retry later."),
          request,
          errors,
          wait.orElse(null));
    }
    if (status == 503
        && errors.stream().anyMatch(e -> e.toLowerCase(Locale.ROOT).contains("sealed"))) {
      return new SealedException(
          "OpenBao is sealed and refused " + request + "; unseal it, then retry.", request, errors);
    }
    if (status >= 300 && status < 400) {
      return new ServerErrorException(
          "OpenBao redirected "
              + request
              + " ("
              + status
              + ") to another node; point the address at the active node or its load balancer.",
          request,
          status,
          errors);
    }
    if (status >= 400 && status < 500) {
      return new BadRequestException(
          "OpenBao refused "
              + request
              + " as invalid ("
              + status
              + (readable.isEmpty() ? "" : ": " + readable)
              + ").",
          request,
          status,
          errors);
    }
    return new ServerErrorException(
        "OpenBao failed on "
            + request
            + " ("
            + status
            + (readable.isEmpty() ? "" : ": " + readable)
            + "); retry later or check the OpenBao server logs.",
        request,
        status,
        errors);
  }

  /** The exception for an exchange that produced no answer. */
  static OpenBaoException fromIoFailure(String request, URI address, IOException failure) {
    if (causedBy(failure, SSLException.class)) {
      SSLException ssl = cause(failure, SSLException.class);
      return new TlsFailureException(
          "The TLS handshake with OpenBao at "
              + address
              + " failed ("
              + ssl.getMessage()
              + "); check the CA bundle and that the address scheme matches the server.",
          request,
          failure);
    }
    if (failure instanceof HttpConnectTimeoutException) {
      return unreachable(request, address, UnreachableException.Reason.CONNECT_TIMEOUT, failure);
    }
    if (failure instanceof HttpTimeoutException) {
      return unreachable(request, address, UnreachableException.Reason.REQUEST_TIMEOUT, failure);
    }
    if (causedBy(failure, UnresolvedAddressException.class)
        || causedBy(failure, UnknownHostException.class)) {
      return unreachable(request, address, UnreachableException.Reason.UNKNOWN_HOST, failure);
    }
    if (causedBy(failure, ConnectException.class)) {
      return unreachable(request, address, UnreachableException.Reason.CONNECTION_REFUSED, failure);
    }
    if (failure instanceof InterruptedIOException) {
      return unreachable(request, address, UnreachableException.Reason.REQUEST_TIMEOUT, failure);
    }
    return unreachable(request, address, UnreachableException.Reason.CONNECTION_RESET, failure);
  }

  static UnreachableException unreachable(
      String request, URI address, UnreachableException.Reason reason, Throwable cause) {
    String what =
        switch (reason) {
          case CONNECTION_REFUSED -> "the connection was refused";
          case UNKNOWN_HOST -> "the host name does not resolve";
          case CONNECT_TIMEOUT -> "connecting timed out";
          case REQUEST_TIMEOUT -> "no answer arrived within the request timeout";
          case CONNECTION_RESET -> "the connection was closed before an answer arrived";
          case INTERRUPTED -> "the request was interrupted";
        };
    return new UnreachableException(
        "Cannot reach OpenBao at "
            + address
            + " for "
            + request
            + ": "
            + what
            + "; check the address and that OpenBao is running.",
        request,
        reason,
        cause);
  }

  /** OpenBao's {@code errors} array, or empty when the body has none (or is not JSON). */
  static List<String> errorsOf(String body) {
    if (body == null || body.isBlank()) {
      return List.of();
    }
    try {
      JsonNode errors = Json.MAPPER.readTree(body).path("errors");
      List<String> messages = new ArrayList<>();
      errors.forEach(e -> messages.add(e.asText()));
      return messages;
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * OpenBao's messages for a human: multierror wrapping removed, joined with "; ", on one line and
   * at most {@value #READABLE_LENGTH} characters. The server is whatever a backend's address names,
   * and what it says ends up in a condition, an event and the log.
   */
  static String readable(List<String> errors) {
    return Sentences.oneLine(joined(errors), READABLE_LENGTH);
  }

  private static String joined(List<String> errors) {
    List<String> parts = new ArrayList<>();
    for (String error : errors) {
      Matcher multi = MULTI_ERROR.matcher(error);
      if (multi.matches()) {
        for (String line : multi.group(1).split("\n")) {
          String item = line.strip();
          if (item.startsWith("* ")) {
            item = item.substring(2).strip();
          }
          if (!item.isEmpty()) {
            parts.add(item);
          }
        }
      } else if (!error.isBlank()) {
        parts.add(error.strip());
      }
    }
    return String.join("; ", parts);
  }

  /**
   * The bad-token body is exactly {@code permission denied} (Vault 1.17+ adds {@code invalid
   * token}); the ACL body wraps the same words in multierror text.
   */
  static boolean isTokenRejection(List<String> errors) {
    return errors.stream()
        .anyMatch(e -> e.strip().equals(PERMISSION_DENIED) || e.strip().equals("invalid token"));
  }

  /** {@code Retry-After} as delta-seconds; an HTTP-date (never sent by OpenBao) is ignored. */
  static Optional<Duration> parseRetryAfter(String header) {
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static List<String> redact(List<String> errors, Optional<VaultToken> token) {
    if (token.isEmpty()) {
      return errors;
    }
    String value = token.get().reveal();
    return errors.stream().map(e -> e.replace(value, REDACTED)).toList();
  }

  private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    return cause(failure, type) != null;
  }

  private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
