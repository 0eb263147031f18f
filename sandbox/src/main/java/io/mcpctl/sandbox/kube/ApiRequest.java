package io.mcpctl.sandbox.kube;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One HTTP request to the API: method, path and query apart, the headers that steer the answer. */
record ApiRequest(
    String method,
    String path,
    String pathAndQuery,
    Map<String, String> query,
    String contentType,
    String accept,
    boolean webSocketUpgrade,
    byte[] body) {

  static ApiRequest from(RecordedRequest request) {
    String pathAndQuery = request.getPath();
    int questionMark = pathAndQuery.indexOf('?');
    String path = questionMark < 0 ? pathAndQuery : pathAndQuery.substring(0, questionMark);
    Map<String, String> query = new LinkedHashMap<>();
    if (questionMark >= 0) {
      for (String pair : pathAndQuery.substring(questionMark + 1).split("&")) {
        if (!pair.isEmpty()) {
          int equals = pair.indexOf('=');
          String key = decode(equals < 0 ? pair : pair.substring(0, equals));
          query.putIfAbsent(key, equals < 0 ? "" : decode(pair.substring(equals + 1)));
        }
      }
    }
    String upgrade = request.getHeader("Upgrade");
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
    return new ApiRequest(
        request.getMethod().toUpperCase(Locale.ROOT),
        path,
        pathAndQuery,
        Map.copyOf(query),
        request.getHeader("Content-Type"),
        request.getHeader("Accept"),
        upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket"),
        body == null ? new byte[0] : body);
  }

  String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  boolean isWatch() {
    String watch = query.get("watch");
    return "true".equals(watch) || "1".equals(watch);
  }

  boolean isDryRun() {
    return query.containsKey("dryRun");
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
