package io.mcpctl.cli.common;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.SecretBackend;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads the kubeconfig and builds the Kubernetes client (or, for a command that only reads, the
 * {@link KubeApi}) on a second thread while the main thread is still starting picocli. Both are
 * cold, interpreted code that takes a short command most of its start-up, and a laptop or CI runner
 * has a second core doing nothing meanwhile.
 *
 * <p>Which kubeconfig and context to read is guessed from the words on the command line before
 * picocli has parsed them. {@link KubeOptions#connect} takes the client only when picocli's parse
 * agrees with the guess, and otherwise connects as if nothing had run ahead. An exec credential
 * plugin that the kubeconfig names runs ahead too, so it has run for nothing when picocli then
 * rejects the command line; commands that ask on the terminal do not connect ahead, so two prompts
 * never meet.
 */
public final class ConnectionAhead {

  /** Nothing runs ahead: tests, and commands that never connect. */
  public static final ConnectionAhead NONE = new ConnectionAhead(null, null);

  private final KubeconfigChoice choice;
  private final CompletableFuture<AutoCloseable> connection;
  private final AtomicBoolean taken = new AtomicBoolean();

  private ConnectionAhead(KubeconfigChoice choice, CompletableFuture<AutoCloseable> connection) {
    this.choice = choice;
    this.connection = connection;
  }

  /**
   * Starts connecting for the kubeconfig and context that {@code args} seem to name: a {@link
   * KubeApi} when {@code readsOnly}, else a fabric8 client.
   */
  public static ConnectionAhead start(String[] args, boolean readsOnly) {
    KubeconfigChoice choice;
    try {
      choice = KubeconfigChoice.guess(args);
    } catch (InvalidPathException unusable) {
      return NONE;
    }
    CompletableFuture<AutoCloseable> connection = new CompletableFuture<>();
    Thread connecting =
        new Thread(
            () -> {
              AutoCloseable built;
              try {
                built =
                    readsOnly
                        ? KubeApis.open(choice.kubeconfig(), choice.context())
                        : KubeClients.client(choice.kubeconfig(), choice.context());
              } catch (Throwable failed) {
                // Whatever it is, the main thread must not wait for this future forever.
                connection.completeExceptionally(failed);
                return;
              }
              connection.complete(built);
              prepareToRead(built);
            },
            "mcpctl-connect-ahead");
    connecting.setDaemon(true);
    connecting.start();
    return new ConnectionAhead(choice, connection);
  }

  /**
   * Builds the JSON binding of a SecretBackend, which nearly every command that connects reads
   * first, while the main thread waits for the TLS handshake of its first request.
   */
  private static void prepareToRead(AutoCloseable connection) {
    try {
      if (connection instanceof KubernetesClient client) {
        client.getKubernetesSerialization().unmarshal("{}", SecretBackend.class);
      } else {
        KubeJson.bind(JsonNodeFactory.instance.objectNode(), SecretBackend.class);
      }
    } catch (RuntimeException | LinkageError ignored) {
      // Only time is lost: the first read builds the binding itself and reports what fails.
    }
  }

  /**
   * The connection built ahead for {@code kubeconfig} and {@code context} as picocli parsed them,
   * to the first caller only (it closes it when done); empty when nothing ran ahead, it guessed
   * other flags or built another {@code kind} (that one is closed), it was taken already, or it
   * failed for a reason of its own. A failure that the caller would meet as well, such as a missing
   * kubeconfig or a file that is none, is thrown as is (once, by the one caller), so that an exec
   * credential plugin is not run a second time to fail again.
   */
  <T extends AutoCloseable> Optional<T> take(Path kubeconfig, String context, Class<T> kind) {
    if (connection == null || taken.getAndSet(true)) {
      return Optional.empty();
    }
    if (!choice.equals(new KubeconfigChoice(kubeconfig, context))) {
      connection.thenAccept(ConnectionAhead::closeQuietly);
      return Optional.empty();
    }
    try {
      AutoCloseable built = connection.join();
      if (!kind.isInstance(built)) {
        closeQuietly(built);
        return Optional.empty();
      }
      return Optional.of(kind.cast(built));
    } catch (CompletionException failed) {
      if (failed.getCause() instanceof CliException sameForTheCaller) {
        throw sameForTheCaller;
      }
      return Optional.empty();
    }
  }

  private static void closeQuietly(AutoCloseable unused) {
    try {
      unused.close();
    } catch (Exception ignored) {
      // Nothing was sent on it; there is nothing to report.
    }
  }

  /**
   * The {@code --kubeconfig} and {@code --context} flags, as picocli would read them from the words
   * of the command line in their usual spellings ({@code --flag value}, {@code --flag=value}); null
   * when absent. Anything unusual only makes the guess wrong, which {@link #take} notices.
   */
  record KubeconfigChoice(Path kubeconfig, String context) {

    private static final String KUBECONFIG = "--kubeconfig";
    private static final String CONTEXT = "--context";

    static KubeconfigChoice guess(String[] args) {
      Path kubeconfig = null;
      String context = null;
      for (int i = 0; i < args.length; i++) {
        String word = args[i];
        if (word.equals("--")) {
          break;
        }
        String value = valueOf(KUBECONFIG, args, i);
        if (value != null) {
          kubeconfig = Path.of(value);
        }
        value = valueOf(CONTEXT, args, i);
        if (value != null) {
          context = value;
        }
      }
      return new KubeconfigChoice(kubeconfig, context);
    }

    private static String valueOf(String flag, String[] args, int index) {
      String word = args[index];
      if (word.startsWith(flag + "=")) {
        return word.substring(flag.length() + 1);
      }
      if (word.equals(flag) && index + 1 < args.length) {
        return args[index + 1];
      }
      return null;
    }
  }
}
