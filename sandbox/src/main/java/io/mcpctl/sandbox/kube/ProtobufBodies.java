package io.mcpctl.sandbox.kube;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads the protobuf bodies kubectl sends for built-in kinds ({@code kubectl create secret
 * generic}, {@code create configmap}, {@code create namespace}, {@code create serviceaccount}) and
 * writes the same object as JSON, so the JSON-only store can keep it. Other kinds are refused with
 * 415, never left unanswered.
 */
final class ProtobufBodies {

  static final String MEDIA_TYPE = "application/vnd.kubernetes.protobuf";

  private static final byte[] MAGIC = {'k', '8', 's', 0};

  private static final Map<String, Function<ProtoMessage, ObjectNode>> DECODERS =
      Map.of(
          "v1/Secret", ProtobufBodies::secret,
          "v1/ConfigMap", ProtobufBodies::configMap,
          "v1/Namespace", ProtobufBodies::namespace,
          "v1/ServiceAccount", ProtobufBodies::serviceAccount,
          "authorization.k8s.io/v1/SelfSubjectAccessReview", ProtobufBodies::accessReview,
          "authorization.k8s.io/v1/SelfSubjectRulesReview", ProtobufBodies::rulesReview);

  private ProtobufBodies() {}

  static boolean isProtobuf(String contentType) {
    return contentType != null && contentType.startsWith(MEDIA_TYPE);
  }

  static ObjectNode toJson(byte[] body) {
    if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
      throw ApiError.badRequest(
          "The protobuf body lacks the Kubernetes envelope; send JSON instead.");
    }
    try {
      ProtoMessage envelope =
          ProtoMessage.parse(Arrays.copyOfRange(body, MAGIC.length, body.length));
      ProtoMessage typeMeta =
          envelope.message(1).orElseThrow(() -> new IllegalArgumentException("no type"));
      String apiVersion = typeMeta.nonEmptyString(1).orElse("");
      String kind = typeMeta.nonEmptyString(2).orElse("");
      Function<ProtoMessage, ObjectNode> decoder = DECODERS.get(apiVersion + "/" + kind);
      if (decoder == null) {
        throw ApiError.unsupportedMediaType(
            "The embedded API reads protobuf bodies only for "
                + String.join(", ", DECODERS.keySet().stream().sorted().toList())
                + "; send "
                + kind
                + " as application/json.");
      }
      ObjectNode object = decoder.apply(ProtoMessage.parse(envelope.bytes(2).orElse(new byte[0])));
      ObjectNode json = Json.object().put("apiVersion", apiVersion).put("kind", kind);
      json.setAll(object);
      return json;
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(
          "The protobuf body is malformed (" + e.getMessage() + "); send JSON instead.");
    }
  }

  private static ObjectNode secret(ProtoMessage secret) {
    ObjectNode json = withMetadata(secret);
    putMap(json, "data", secret.messages(2), entry -> base64(entry.bytes(2).orElse(new byte[0])));
    secret.nonEmptyString(3).ifPresent(type -> json.put("type", type));
    putMap(json, "stringData", secret.messages(4), entry -> entry.string(2).orElse(""));
    secret.varint(5).ifPresent(immutable -> json.put("immutable", immutable != 0));
    return json;
  }

  private static ObjectNode configMap(ProtoMessage configMap) {
    ObjectNode json = withMetadata(configMap);
    putMap(json, "data", configMap.messages(2), entry -> entry.string(2).orElse(""));
    putMap(
        json,
        "binaryData",
        configMap.messages(3),
        entry -> base64(entry.bytes(2).orElse(new byte[0])));
    configMap.varint(4).ifPresent(immutable -> json.put("immutable", immutable != 0));
    return json;
  }

  private static ObjectNode namespace(ProtoMessage namespace) {
    ObjectNode json = withMetadata(namespace);
    namespace
        .message(2)
        .ifPresent(spec -> putStrings(json.putObject("spec"), "finalizers", spec.strings(1)));
    return json;
  }

  private static ObjectNode serviceAccount(ProtoMessage account) {
    ObjectNode json = withMetadata(account);
    List<ProtoMessage> pullSecrets = account.messages(3);
    if (!pullSecrets.isEmpty()) {
      ArrayNode array = json.putArray("imagePullSecrets");
      pullSecrets.forEach(ref -> array.addObject().put("name", ref.string(1).orElse("")));
    }
    account.varint(4).ifPresent(mount -> json.put("automountServiceAccountToken", mount != 0));
    return json;
  }

  /** kubectl auth can-i: spec.resourceAttributes or spec.nonResourceAttributes. */
  private static ObjectNode accessReview(ProtoMessage review) {
    ObjectNode json = withMetadata(review);
    ObjectNode spec = json.putObject("spec");
    review
        .message(2)
        .ifPresent(
            asked -> {
              asked
                  .message(1)
                  .ifPresent(
                      resource -> {
                        ObjectNode attributes = spec.putObject("resourceAttributes");
                        String[] names = {
                          "namespace", "verb", "group", "version", "resource", "subresource", "name"
                        };
                        for (int field = 1; field <= names.length; field++) {
                          String name = names[field - 1];
                          resource
                              .nonEmptyString(field)
                              .ifPresent(value -> attributes.put(name, value));
                        }
                      });
              asked
                  .message(2)
                  .ifPresent(
                      nonResource -> {
                        ObjectNode attributes = spec.putObject("nonResourceAttributes");
                        nonResource
                            .nonEmptyString(1)
                            .ifPresent(path -> attributes.put("path", path));
                        nonResource
                            .nonEmptyString(2)
                            .ifPresent(verb -> attributes.put("verb", verb));
                      });
            });
    return json;
  }

  /** kubectl auth can-i --list: spec.namespace. */
  private static ObjectNode rulesReview(ProtoMessage review) {
    ObjectNode json = withMetadata(review);
    ObjectNode spec = json.putObject("spec");
    review
        .message(2)
        .flatMap(asked -> asked.nonEmptyString(1))
        .ifPresent(namespace -> spec.put("namespace", namespace));
    return json;
  }

  private static ObjectNode withMetadata(ProtoMessage object) {
    ObjectNode json = Json.object();
    ObjectNode metadata = json.putObject("metadata");
    object
        .message(1)
        .ifPresent(
            meta -> {
              meta.nonEmptyString(1).ifPresent(name -> metadata.put("name", name));
              meta.nonEmptyString(2).ifPresent(prefix -> metadata.put("generateName", prefix));
              meta.nonEmptyString(3).ifPresent(namespace -> metadata.put("namespace", namespace));
              meta.nonEmptyString(6).ifPresent(version -> metadata.put("resourceVersion", version));
              putMap(metadata, "labels", meta.messages(11), entry -> entry.string(2).orElse(""));
              putMap(
                  metadata, "annotations", meta.messages(12), entry -> entry.string(2).orElse(""));
              putStrings(metadata, "finalizers", meta.strings(14));
            });
    return json;
  }

  private static void putMap(
      ObjectNode target,
      String field,
      List<ProtoMessage> entries,
      Function<ProtoMessage, String> value) {
    if (entries.isEmpty()) {
      return;
    }
    ObjectNode map = target.putObject(field);
    entries.forEach(entry -> map.put(entry.string(1).orElse(""), value.apply(entry)));
  }

  private static void putStrings(ObjectNode target, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = target.putArray(field);
      values.forEach(array::add);
    }
  }

  private static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
