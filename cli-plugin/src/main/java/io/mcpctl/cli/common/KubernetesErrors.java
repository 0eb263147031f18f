package io.mcpctl.cli.common;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.text.Sentences;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import javax.net.ssl.SSLException;

/** One-sentence explanations of Kubernetes API failures, each with what to try next. */
public final class KubernetesErrors {

  private static final List<Class<? extends Throwable>> CONNECTION_FAILURES =
      List.of(
          SocketException.class,
          SocketTimeoutException.class,
          UnknownHostException.class,
          HttpTimeoutException.class,
          SSLException.class);

  private KubernetesErrors() {}

  public static String sentence(KubernetesClientException ex) {
    int code = ex.getCode();
    String detail = detail(ex);
    if (code <= 0) {
      return "Could not reach the Kubernetes API ("
          + detail
          + "); check --kubeconfig and --context, and that the cluster is running.";
    }
    if (code == 401) {
      return "The Kubernetes API did not accept your credentials ("
          + detail
          + "); log in again or pick another --context.";
    }
    if (code == 403) {
      return "The Kubernetes API refused the request ("
          + detail
          + "); ask for the permission it names (RBAC) or use another --context.";
    }
    if (code == 404) {
      return "The Kubernetes API does not know the resource ("
          + detail
          + "); install the mcpctl CRDs (helm install mcpctl-operator) and try again.";
    }
    if (code == 409) {
      return "Someone else changed the object at the same time ("
          + detail
          + "); run the command again.";
    }
    if (code == 422) {
      return "The Kubernetes API rejected the object ("
          + detail
          + "); fix the flag it names and run again.";
    }
    return "The Kubernetes API answered " + code + " (" + detail + "); run the command again.";
  }

  /**
   * What went wrong, in words that quote no answer: the API server's own explanation (a Status
   * message: not found, forbidden, invalid field), else the JDK's words about a connection that
   * failed, else only the type of the failure. Other causes, such as Jackson failing on an answer
   * that is no Kubernetes JSON, quote what they read, which may be anything.
   */
  public static String detail(KubernetesClientException ex) {
    if (ex.getStatus() != null && ex.getStatus().getMessage() != null) {
      return Sentences.withoutFinalPeriod(ex.getStatus().getMessage());
    }
    Throwable cause = ex;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause.getMessage() == null || !isConnectionFailure(cause)) {
      return cause.getClass().getSimpleName();
    }
    return Sentences.withoutFinalPeriod(firstLine(cause.getMessage()));
  }

  /** The JDK's connection failures, whose messages name hosts, ports and TLS checks only. */
  private static boolean isConnectionFailure(Throwable cause) {
    return CONNECTION_FAILURES.stream().anyMatch(type -> type.isInstance(cause));
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
