package io.mcpctl.sandbox.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a value against a structural schema the way the API server's OpenAPI validation does:
 * type, enum, pattern, lengths, bounds, required properties and unknown fields. A field of the
 * wrong type is reported once and not looked into.
 */
final class StructuralValidator {

  /** Every object that is a Kubernetes resource may carry these, declared or not. */
  private static final Set<String> RESOURCE_FIELDS = Set.of("apiVersion", "kind", "metadata");

  /** Metadata is checked to be an object; its contents are the API server's own business. */
  private static final SchemaNode METADATA =
      new SchemaNode(
          JsonNodeFactory.instance
              .objectNode()
              .put("type", "object")
              .put("x-kubernetes-preserve-unknown-fields", true));

  private static final SchemaNode STRING =
      new SchemaNode(JsonNodeFactory.instance.objectNode().put("type", "string"));

  private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

  void validateResource(SchemaNode schema, JsonNode resource, List<FieldError> errors) {
    validate(schema, resource, "", true, errors);
  }

  private void validate(
      SchemaNode schema, JsonNode value, String path, boolean resource, List<FieldError> errors) {
    if (!hasExpectedType(schema, value)) {
      String kind = ShownValue.kind(value);
      String expected = schema.intOrString() ? "integer,string" : schema.type().orElseThrow();
      errors.add(
          FieldError.invalid(
              path,
              ShownValue.quoted(kind),
              FieldPath.inBody(path)
                  + " must be of type "
                  + expected
                  + ": "
                  + ShownValue.quoted(kind)));
      return;
    }
    if (value.isNull()) {
      return;
    }
    checkEnum(schema, value, path, errors);
    if (value.isTextual()) {
      checkString(schema, value.textValue(), path, errors);
    } else if (value.isNumber()) {
      checkBounds(schema, value, path, errors);
    } else if (value.isArray()) {
      checkArray(schema, value, path, errors);
    } else if (value.isObject()) {
      checkObject(schema, value, path, resource || schema.embeddedResource(), errors);
    }
  }

  private static boolean hasExpectedType(SchemaNode schema, JsonNode value) {
    if (value.isNull()) {
      return schema.nullable() || (schema.type().isEmpty() && !schema.intOrString());
    }
    if (schema.intOrString()) {
      return value.isTextual() || value.isIntegralNumber();
    }
    return schema
        .type()
        .map(
            type ->
                switch (type) {
                  case "string" -> value.isTextual();
                  case "boolean" -> value.isBoolean();
                  case "integer" -> value.isIntegralNumber();
                  case "number" -> value.isNumber();
                  case "array" -> value.isArray();
                  case "object" -> value.isObject();
                  default -> true;
                })
        .orElse(true);
  }

  private static void checkEnum(
      SchemaNode schema, JsonNode value, String path, List<FieldError> errors) {
    Optional<JsonNode> allowed = schema.enumValues();
    if (allowed.isEmpty()) {
      return;
    }
    StringJoiner supported = new StringJoiner(", ");
    boolean found = false;
    for (JsonNode candidate : allowed.get()) {
      supported.add(ShownValue.of(candidate));
      found |= sameValue(candidate, value);
    }
    if (!found) {
      errors.add(FieldError.unsupported(path, ShownValue.of(value), supported.toString()));
    }
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }

  private void checkString(SchemaNode schema, String text, String path, List<FieldError> errors) {
    int length = text.codePointCount(0, text.length());
    String shown = ShownValue.quoted(text);
    schema
        .number("minLength")
        .filter(min -> length < min.asInt())
        .ifPresent(
            min ->
                errors.add(
                    FieldError.invalid(
                        path,
                        shown,
                        FieldPath.inBody(path) + " should be at least " + min + " chars long")));
    schema
        .number("maxLength")
        .filter(max -> length > max.asInt())
        .ifPresent(
            max ->
                errors.add(
                    FieldError.invalid(
                        path,
                        shown,
                        FieldPath.inBody(path) + " should be at most " + max + " chars long")));
    schema
        .pattern()
        .filter(pattern -> !compiled(pattern).matcher(text).find())
        .ifPresent(
            pattern ->
                errors.add(
                    FieldError.invalid(
                        path, shown, FieldPath.inBody(path) + " should match '" + pattern + "'")));
  }

  private Pattern compiled(String pattern) {
    return patterns.computeIfAbsent(
        pattern,
        p -> {
          try {
            return Pattern.compile(p);
          } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                "The schema pattern '" + p + "' is not a valid regular expression; fix the CRD.",
                e);
          }
        });
  }

  private static void checkBounds(
      SchemaNode schema, JsonNode value, String path, List<FieldError> errors) {
    BigDecimal number = value.decimalValue();
    schema
        .number("minimum")
        .filter(min -> number.compareTo(min.decimalValue()) < 0)
        .ifPresent(
            min ->
                errors.add(
                    FieldError.invalid(
                        path,
                        value.toString(),
                        FieldPath.inBody(path) + " should be greater than or equal to " + min)));
    schema
        .number("maximum")
        .filter(max -> number.compareTo(max.decimalValue()) > 0)
        .ifPresent(
            max ->
                errors.add(
                    FieldError.invalid(
                        path,
                        value.toString(),
                        FieldPath.inBody(path) + " should be less than or equal to " + max)));
  }

  private void checkArray(SchemaNode schema, JsonNode array, String path, List<FieldError> errors) {
    int size = array.size();
    schema
        .number("minItems")
        .filter(min -> size < min.asInt())
        .ifPresent(
            min ->
                errors.add(
                    FieldError.invalid(
                        path,
                        String.valueOf(size),
                        FieldPath.inBody(path) + " should have at least " + min + " items")));
    schema
        .number("maxItems")
        .filter(max -> size > max.asInt())
        .ifPresent(
            max ->
                errors.add(
                    FieldError.invalid(
                        path,
                        String.valueOf(size),
                        FieldPath.inBody(path) + " should have at most " + max + " items")));
    Optional<SchemaNode> items = schema.items();
    if (items.isPresent()) {
      for (int i = 0; i < size; i++) {
        validate(items.get(), array.get(i), FieldPath.index(path, i), false, errors);
      }
    }
  }

  private void checkObject(
      SchemaNode schema, JsonNode object, String path, boolean resource, List<FieldError> errors) {
    for (String name : schema.required()) {
      if (!object.has(name)) {
        errors.add(FieldError.required(FieldPath.child(path, name)));
      }
    }
    boolean mapOfValues = schema.additionalProperties().isPresent();
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      String childPath =
          mapOfValues && schema.property(name).isEmpty()
              ? FieldPath.key(path, name)
              : FieldPath.child(path, name);
      Optional<SchemaNode> child =
          resource && RESOURCE_FIELDS.contains(name)
              ? Optional.of(resourceFieldSchema(schema, name))
              : schema.schemaForKey(name);
      if (child.isPresent()) {
        validate(child.get(), field.getValue(), childPath, false, errors);
      } else if (!schema.preservesUnknownFields()) {
        errors.add(FieldError.unknown(childPath));
      }
    }
  }

  private static SchemaNode resourceFieldSchema(SchemaNode schema, String name) {
    return name.equals("metadata") ? METADATA : schema.property(name).orElse(STRING);
  }
}
