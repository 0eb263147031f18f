package io.mcpctl.sandbox.kube.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the validator does for any CRD, beyond the SecretBackend one: small schemas, one idea each.
 */
class CustomResourceSchemaValidatorTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void unknownFieldsAreKeptUnderPreserveUnknownFieldsOnly() {
    CustomResourceSchemaValidator validator =
        validator(
            """
            type: object
            properties:
              spec:
                type: object
                properties:
                  free: {type: object, x-kubernetes-preserve-unknown-fields: true}
                  strict: {type: object, properties: {a: {type: string}}}
            """);

    List<FieldError> errors =
        validator.defaultAndValidate(resource("spec: {free: {x: 1, y: [2]}, strict: {b: 1}}"));

    assertThat(errors).containsExactly(new FieldError("spec.strict.b", "Unknown field"));
  }

  @Test
  void mapValuesAndArrayItemsAreNamedByKeyAndIndex() {
    CustomResourceSchemaValidator validator =
        validator(
            """
            type: object
            properties:
              spec:
                type: object
                properties:
                  limits: {type: object, additionalProperties: {type: integer, maximum: 10}}
                  names: {type: array, maxItems: 2, items: {type: string, minLength: 2}}
            """);

    List<FieldError> errors =
        validator.defaultAndValidate(resource("spec: {limits: {cpu: 11}, names: [ok, x, ok]}"));

    assertThat(errors)
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.limits[cpu]: Invalid value: 11: spec.limits[cpu] in body should be less than"
                + " or equal to 10",
            "spec.names: Invalid value: 3: spec.names in body should have at most 2 items",
            "spec.names[1]: Invalid value: \"x\": spec.names[1] in body should be at least 2"
                + " chars long");
  }

  @Test
  void intOrStringAcceptsBothAndNothingElse() {
    CustomResourceSchemaValidator validator =
        validator(
            """
            type: object
            properties:
              spec:
                type: object
                properties:
                  port: {x-kubernetes-int-or-string: true}
            """);

    assertThat(validator.defaultAndValidate(resource("spec: {port: 8080}"))).isEmpty();
    assertThat(validator.defaultAndValidate(resource("spec: {port: http}"))).isEmpty();
    assertThat(validator.defaultAndValidate(resource("spec: {port: true}")))
        .extracting(FieldError::message)
        .containsExactly(
            "Invalid value: \"boolean\": spec.port in body must be of type integer,string:"
                + " \"boolean\"");
  }

  @Test
  void defaultsFillNullsAndNestDefaultedObjectsButNeverInventParents() {
    CustomResourceSchemaValidator validator =
        validator(
            """
            type: object
            properties:
              spec:
                type: object
                properties:
                  mode: {type: string, default: fast}
                  dropped: {type: string}
                  kept: {type: string, nullable: true}
                  inner:
                    type: object
                    default: {}
                    properties: {depth: {type: integer, default: 3}}
                  absent:
                    type: object
                    properties: {x: {type: string, default: y}}
            """);
    ObjectNode resource = resource("spec: {mode: null, dropped: null, kept: null}");

    assertThat(validator.defaultAndValidate(resource)).isEmpty();

    assertThat(resource.path("spec"))
        .isEqualTo(json("{\"mode\": \"fast\", \"kept\": null, \"inner\": {\"depth\": 3}}"));
  }

  @Test
  void celRulesReportAtFieldPathWithTheirMessageExpression() {
    CustomResourceSchemaValidator validator =
        validator(
            """
            type: object
            properties:
              spec:
                type: object
                x-kubernetes-validations:
                - rule: self.min <= self.max
                  messageExpression: "'min ' + string(self.min) + ' exceeds max ' + string(self.max)"
                  fieldPath: .min
                properties:
                  min: {type: integer}
                  max: {type: integer}
                  items:
                    type: array
                    items:
                      type: string
                      x-kubernetes-validations:
                      - {rule: "self.startsWith('a')", message: must start with a}
            """);

    List<FieldError> errors =
        validator.defaultAndValidate(resource("spec: {min: 5, max: 2, items: [ab, b]}"));

    assertThat(errors)
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.min: Invalid value: \"object\": min 5 exceeds max 2",
            "spec.items[1]: Invalid value: \"string\": must start with a");
  }

  @Test
  void celRulesRunOnlyOnAResourceThatPassedTheSchemaChecks() {
    CustomResourceSchemaValidator validator =
        validator(
            """
            type: object
            properties:
              spec:
                type: object
                required: [size]
                x-kubernetes-validations: [{rule: self.size > 0}]
                properties: {size: {type: integer}}
            """);

    assertThat(validator.defaultAndValidate(resource("spec: {}")))
        .containsExactly(FieldError.required("spec.size"));
    assertThat(validator.defaultAndValidate(resource("spec: {size: 0}")))
        .extracting(FieldError::toString)
        .containsExactly("spec: Invalid value: \"object\": failed rule: self.size > 0");
  }

  @Test
  void transitionRulesAreSkippedBecauseThereIsNoStoredObject() {
    CustomResourceSchemaValidator validator =
        validator(
            """
            type: object
            properties:
              spec:
                type: object
                properties:
                  name:
                    type: string
                    x-kubernetes-validations: [{rule: self == oldSelf, message: immutable}]
            """);

    assertThat(validator.defaultAndValidate(resource("spec: {name: x}"))).isEmpty();
  }

  @Test
  void aRuleThatDoesNotCompileIsRefusedWithTheRuleAndItsPlace() {
    assertThatThrownBy(
            () ->
                validator(
                    """
                    type: object
                    properties:
                      spec:
                        type: object
                        x-kubernetes-validations: [{rule: "self.size >"}]
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'self.size >' at spec does not compile");
  }

  @Test
  void apiVersionAndKindMustBeStrings() {
    CustomResourceSchemaValidator validator =
        validator("{type: object, properties: {spec: {type: object}}}");
    ObjectNode resource = resource("spec: {}");
    resource.put("kind", 3);

    assertThat(validator.defaultAndValidate(resource))
        .extracting(FieldError::field)
        .containsExactly("kind");
  }

  @Test
  void causeReasonsFollowTheApiServer() {
    assertThat(FieldError.required("a").reason()).isEqualTo("FieldValueRequired");
    assertThat(FieldError.unsupported("a", "\"x\"", "\"y\"").reason())
        .isEqualTo("FieldValueNotSupported");
    assertThat(FieldError.invalid("a", "1", "bad").reason()).isEqualTo("FieldValueInvalid");
    assertThat(new FieldError("a", "Forbidden: no").reason()).isEqualTo("FieldValueForbidden");
  }

  private static CustomResourceSchemaValidator validator(String schemaYaml) {
    return CustomResourceSchemaValidator.fromOpenApiV3Schema(json(schemaYaml));
  }

  private static ObjectNode resource(String yaml) {
    ObjectNode resource = (ObjectNode) json(yaml);
    resource.put("apiVersion", "example.io/v1");
    resource.put("kind", "Example");
    resource.putObject("metadata").put("name", "x");
    return resource;
  }

  private static JsonNode json(String yaml) {
    try {
      return YAML.readTree(yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
