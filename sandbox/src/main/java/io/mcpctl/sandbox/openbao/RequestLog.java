package io.mcpctl.sandbox.openbao;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The most recent requests the stand-in answered, oldest first; never a token value. Only the last
 * {@value #CAPACITY} are kept, but every one is counted.
 */
public final class RequestLog {
  static final int CAPACITY = 10_000;
  private static final Pattern TOKEN_SHAPED =
      Pattern.compile("(?:s|b|r|hvs|hvb|hvr)\\.[A-Za-z0-9]{20,}(?:\\.[A-Za-z0-9]+)?");

  private final Deque<RequestRecord> records = new ArrayDeque<>();
  private long answered;

  public synchronized List<RequestRecord> entries() {
    return List.copyOf(records);
  }

  /** How many requests were answered since the last {@link #clear}, those no longer kept too. */
  public synchronized long answered() {
    return answered;
  }

  public synchronized void clear() {
    records.clear();
    answered = 0;
  }

  synchronized void record(RequestRecord record) {
    answered++;
    if (records.size() == CAPACITY) {
      records.removeFirst();
    }
    records.addLast(
        new RequestRecord(
            record.time(),
            record.method(),
            redact(record.path()),
            record.status(),
            record.namespace(),
            record.tokenPresented()));
  }

  /** Path segments shaped like a token are replaced, so even a token put in a URL stays out. */
  static String redact(String path) {
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (TOKEN_SHAPED.matcher(segments[i]).matches()) {
        segments[i] = "<redacted>";
      }
    }
    return String.join("/", segments);
  }
}
