package io.mcpctl.cli.describe;

import io.mcpctl.cli.common.RelativeTime;
import io.mcpctl.cli.describe.SecretBackendDescription.EventLine;
import io.mcpctl.cli.describe.SecretBackendDescription.OpenBao;
import io.mcpctl.cli.describe.SecretBackendDescription.Ready;
import io.mcpctl.cli.describe.SecretBackendDescription.StaticToken;
import io.mcpctl.cli.describe.SecretBackendDescription.TokenConsumerLine;
import io.mcpctl.cli.describe.SecretBackendDescription.TokenHealthSection;
import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.text.Sentences;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a description the way {@code kubectl describe} lays things out. Every value is quoted as
 * printable text: spec fields, messages and events come from whoever may write them.
 */
public final class DescriptionText {

  private final Instant now;
  private final StringBuilder text = new StringBuilder();

  private DescriptionText(Instant now) {
    this.now = now;
  }

  public static String render(SecretBackendDescription description, Instant now) {
    return new DescriptionText(now).write(description);
  }

  private String write(SecretBackendDescription d) {
    field(0, "Name", d.name());
    field(0, "Namespace", d.namespace());
    field(0, "Type", d.type());
    field(0, "Default", d.isDefault() ? "yes" : "no");
    if (d.openbao() != null) {
      openBao(d.openbao());
    }
    ready(d.ready());
    if (d.tokenHealth() != null) {
      tokenHealth(d.tokenHealth());
      consumers(d.consumers());
    }
    if (d.staticToken() != null) {
      staticToken(d.staticToken());
    }
    events(d.events());
    return text.toString();
  }

  private void openBao(OpenBao openbao) {
    field(0, "Address", openbao.address());
    if (openbao.namespace() != null) {
      field(0, "OpenBao namespace", openbao.namespace());
    }
    field(0, "KV mount", openbao.kvMount() + "/ (path prefix " + openbao.pathPrefix() + ")");
    field(0, "Token Secret", openbao.tokenSecret() + " (key " + openbao.tokenSecretKey() + ")");
    field(0, "TLS", openbao.tls());
    if (openbao.rotation() == null) {
      field(0, "Rotation", "off (static token)");
    } else {
      field(
          0,
          "Rotation",
          "every "
              + openbao.rotation().interval()
              + " ± "
              + openbao.rotation().jitter()
              + " with role "
              + openbao.rotation().tokenRole()
              + "; previous token revoked after "
              + openbao.rotation().revokeGracePeriod());
    }
  }

  private void ready(Ready ready) {
    if (ready == null) {
      field(0, "Ready", "Unknown (the operator has not reported yet)");
      return;
    }
    StringBuilder value = new StringBuilder(ready.status());
    if (ready.reason() != null) {
      value.append(", ").append(ready.reason());
    }
    if (ready.lastTransitionTime() != null) {
      value.append(" since ").append(RelativeTime.withTimestamp(ready.lastTransitionTime(), now));
    }
    field(0, "Ready", value.toString());
    if (ready.message() != null) {
      field(2, "Message", ready.message());
    }
  }

  private void tokenHealth(TokenHealthSection health) {
    field(0, "Token health", health.health());
    field(2, "Reason", health.reason());
    field(2, "Generated", RelativeTime.withTimestamp(health.generatedAt(), now));
    field(2, "Last rotation", RelativeTime.withTimestamp(health.lastRotationAt(), now));
    field(2, "Next rotation", RelativeTime.withTimestamp(health.nextRotationAt(), now));
    field(2, "Expires", RelativeTime.withTimestamp(health.expiresAt(), now));
    field(2, "Last recorded check", RelativeTime.withTimestamp(health.lastCheckedAt(), now));
    field(
        2,
        "Renewable",
        health.renewable() == null ? "<unknown>" : health.renewable() ? "yes" : "no");
    field(2, "Period", health.period() == null ? "<unknown>" : health.period());
    RotatorRole.periodShortfall(health.period()).ifPresent(warning -> field(2, "Warning", warning));
    field(
        2,
        "Policies",
        health.policies().isEmpty() ? "<none>" : String.join(", ", health.policies()));
    if (health.lastRotationError() == null) {
      field(2, "Last error", "<none>");
    } else {
      field(
          2,
          "Last error",
          health.lastRotationError()
              + " ("
              + RelativeTime.withTimestamp(health.lastRotationErrorAt(), now)
              + ")");
    }
    field(2, "Consecutive failures", Integer.toString(health.consecutiveFailures()));
  }

  private void staticToken(StaticToken token) {
    field(0, "Token", "static (checked, never rotated)");
    field(2, "Expires", RelativeTime.withTimestamp(token.expiresAt(), now));
    field(2, "Last recorded check", RelativeTime.withTimestamp(token.lastCheckedAt(), now));
    field(
        2, "Policies", token.policies().isEmpty() ? "<none>" : String.join(", ", token.policies()));
  }

  private void consumers(List<TokenConsumerLine> consumers) {
    if (consumers == null) {
      field(0, "Consumers", "<unknown: listing pods is not permitted>");
      return;
    }
    if (consumers.isEmpty()) {
      field(0, "Consumers", "<none>");
      return;
    }
    long previous = consumers.stream().filter(c -> c.token().equals("previous")).count();
    text.append("Consumers (pods that read the token Secret")
        .append(
            previous == 0
                ? "):\n"
                : "; "
                    + previous
                    + (previous == 1 ? " still holds" : " still hold")
                    + " the previous token: restart "
                    + (previous == 1 ? "it" : "them")
                    + "):\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"POD", "CONTAINER", "READS BY", "WORKLOAD", "TOKEN", "STARTED"});
    for (TokenConsumerLine consumer : consumers) {
      rows.add(
          new String[] {
            consumer.pod(),
            consumer.container(),
            consumer.readsBy(),
            consumer.workload(),
            consumer.token(),
            consumer.startedAt() == null
                ? "<unknown>"
                : RelativeTime.withTimestamp(consumer.startedAt(), now)
          });
    }
    table(rows);
  }

  private void events(List<EventLine> events) {
    if (events.isEmpty()) {
      field(0, "Events", "<none>");
      return;
    }
    text.append("Events:\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TYPE", "REASON", "AGE", "MESSAGE"});
    for (EventLine event : events) {
      String age =
          Rfc3339.parse(event.lastSeen()).map(seen -> RelativeTime.age(seen, now)).orElse("?");
      rows.add(
          new String[] {
            nullToEmpty(event.type()),
            nullToEmpty(event.reason()),
            event.count() > 1 ? age + " (x" + event.count() + ")" : age,
            nullToEmpty(event.message())
          });
    }
    table(rows);
  }

  private void field(int indent, String label, String value) {
    String key = " ".repeat(indent) + label + ":";
    text.append(key)
        .append(" ".repeat(Math.max(1, 24 - key.length())))
        .append(value == null ? "<none>" : Sentences.printable(value))
        .append('\n');
  }

  private void table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < columns; i++) {
        line.append(Sentences.printable(row[i]));
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - row[i].length() + 3));
        }
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
