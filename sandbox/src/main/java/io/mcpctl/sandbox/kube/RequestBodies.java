package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads an object sent in a request body, whatever encoding kubectl or a client chose. */
final class RequestBodies {

  private RequestBodies() {}

  static ObjectNode decode(ApiRequest request) {
    String mediaType = Patches.mediaType(request.contentType());
    if (ProtobufBodies.isProtobuf(mediaType)) {
      return ProtobufBodies.toJson(request.body());
    }
    if (mediaType.endsWith("yaml")) {
      return Json.parseYamlObject(request.bodyText());
    }
    return Json.parseObject(request.bodyText());
  }
}
