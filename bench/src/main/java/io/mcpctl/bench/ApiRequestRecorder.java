package io.mcpctl.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Every request the embedded Kubernetes API answers, taken from the line its dispatcher logs at
 * debug for each request ({@code "{} {} -> {}"}: method, path and query, status). Listening to that
 * line needs no change to the sandbox; {@link #requireSeen} fails loudly should the line change.
 */
final class ApiRequestRecorder extends AppenderBase<ILoggingEvent> {

  /** One request as the API server saw it. */
  record ApiCall(long nanos, String method, String path, int status) {
    boolean isWrite() {
      return !method.equals("GET");
    }
  }

  static final String DISPATCHER_LOGGER = "io.mcpctl.sandbox.kube.EmbeddedApiDispatcher";
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final List<ApiCall> calls = new ArrayList<>();

  /** Attaches a recorder to the dispatcher's logger, which it keeps from printing. */
  static ApiRequestRecorder attach() {
    Logger logger = (Logger) LoggerFactory.getLogger(DISPATCHER_LOGGER);
    ApiRequestRecorder recorder = new ApiRequestRecorder();
    recorder.setContext(logger.getLoggerContext());
    recorder.start();
    logger.setLevel(Level.DEBUG);
    logger.setAdditive(false);
    logger.addAppender(recorder);
    return recorder;
  }

  @Override
  protected void append(ILoggingEvent event) {
    Object[] arguments = event.getArgumentArray();
    if (arguments == null
        || arguments.length < 2
        || !METHODS.contains(String.valueOf(arguments[0]))) {
      return;
    }
    int status = arguments.length > 2 && arguments[2] instanceof Integer code ? code : 500;
    String path = String.valueOf(arguments[1]);
    int query = path.indexOf('?');
    ApiCall call =
        new ApiCall(
            System.nanoTime(),
            String.valueOf(arguments[0]),
            query < 0 ? path : path.substring(0, query),
            status);
    synchronized (calls) {
      calls.add(call);
    }
  }

  /** A position to measure from. */
  int mark() {
    synchronized (calls) {
      return calls.size();
    }
  }

  List<ApiCall> since(int mark) {
    synchronized (calls) {
      return List.copyOf(calls.subList(mark, calls.size()));
    }
  }

  /** When the last request arrived, or 0 before any. */
  long lastNanos() {
    synchronized (calls) {
      return calls.isEmpty() ? 0 : calls.get(calls.size() - 1).nanos();
    }
  }

  /**
   * @throws IllegalStateException when a window that certainly had API traffic recorded none: the
   *     dispatcher's log line changed and the write counts would be wrong
   */
  static List<ApiCall> requireSeen(List<ApiCall> window, String what) {
    if (window.isEmpty()) {
      throw new IllegalStateException(
          "No request to the embedded API was recorded during "
              + what
              + "; the debug line of "
              + DISPATCHER_LOGGER
              + " has changed, so adapt ApiRequestRecorder to it.");
    }
    return new ArrayList<>(window);
  }
}
