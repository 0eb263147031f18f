package io.mcpctl.sandbox.openbao.logical;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/** The eight-key success envelope and the {@code {"errors":[...]}} error body. */
public final class Envelope {
  private Envelope() {}

  public static ObjectNode success(LogicalResponse response, boolean copyDataToTop) {
    ObjectNode body = Json.object();
    body.put("request_id", UUID.randomUUID().toString());
    body.put("lease_id", "");
    body.put("renewable", false);
    body.put("lease_duration", 0);
    JsonNode data = Json.sortedCopy(response.data());
    if (data == null) {
      body.putNull("data");
    } else {
      body.set("data", data);
    }
    body.putNull("wrap_info");
    List<String> warnings = response.warningList();
    if (warnings.isEmpty()) {
      body.putNull("warnings");
    } else {
      body.set("warnings", Json.strings(warnings));
    }
    if (response.authBlock() == null) {
      body.putNull("auth");
    } else {
      body.set("auth", response.authBlock());
    }
    if (copyDataToTop && data != null && data.isObject()) {
      data.properties().forEach(entry -> body.set(entry.getKey(), entry.getValue()));
    }
    return body;
  }

  public static ObjectNode errors(List<String> errors) {
    ObjectNode body = Json.object();
    body.set("errors", Json.strings(errors));
    return body;
  }
}
