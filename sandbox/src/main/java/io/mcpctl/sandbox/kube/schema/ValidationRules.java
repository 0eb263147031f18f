package io.mcpctl.sandbox.kube.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.navigation.CelNavigableAst;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.values.NullValue;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CEL rules of a schema ({@code x-kubernetes-validations}), compiled once and evaluated as the
 * API server does: {@code self} is the value of the node that carries the rule, a rule on an absent
 * node is not evaluated, and a failed rule is reported at the node (or at its {@code fieldPath})
 * with its {@code message} or {@code messageExpression}.
 *
 * <p>Transition rules (those that read {@code oldSelf}) need the stored object and are skipped:
 * this validator sees one object at a time.
 */
final class ValidationRules {

  private static final String SELF = "self";
  private static final String OLD_SELF = "oldSelf";

  // Immutable and thread-safe, and costly to build: shared by every validator.
  private static final Cel RULE_COMPILER = celReturning(SimpleType.BOOL);
  private static final Cel MESSAGE_COMPILER = celReturning(SimpleType.STRING);

  private final Map<RuleKey, Rule> compiledByDeclaration;

  private ValidationRules(Map<RuleKey, Rule> compiledByDeclaration) {
    this.compiledByDeclaration = compiledByDeclaration;
  }

  /**
   * @throws IllegalArgumentException naming the first rule that does not compile
   */
  static ValidationRules compile(SchemaNode schema) {
    Map<RuleKey, Rule> compiled = new HashMap<>();
    collect(schema, "", compiled);
    return new ValidationRules(compiled);
  }

  void evaluate(SchemaNode schema, JsonNode value, String path, List<FieldError> errors) {
    if (value == null || value.isNull()) {
      return;
    }
    for (JsonNode declaration : schema.validationRules()) {
      Rule rule = compiledByDeclaration.get(RuleKey.of(declaration));
      if (!rule.readsOldSelf()) {
        check(rule, declaration, schema, value, path).ifPresent(errors::add);
      }
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        Optional<SchemaNode> child = schema.schemaForKey(field.getKey());
        if (child.isPresent()) {
          evaluate(child.get(), field.getValue(), FieldPath.child(path, field.getKey()), errors);
        }
      }
    } else if (value.isArray() && schema.items().isPresent()) {
      for (int i = 0; i < value.size(); i++) {
        evaluate(schema.items().get(), value.get(i), FieldPath.index(path, i), errors);
      }
    }
  }

  private static Optional<FieldError> check(
      Rule rule, JsonNode declaration, SchemaNode schema, JsonNode value, String path) {
    String shownType = ShownValue.quoted(schema.type().orElse(ShownValue.kind(value)));
    Map<String, Object> self = Map.of(SELF, toCel(value));
    Object result;
    try {
      result = rule.program().eval(self);
    } catch (CelEvaluationException e) {
      return Optional.of(
          FieldError.invalid(
              path,
              shownType,
              "rule evaluation error: " + e.getMessage() + " evaluating rule: " + rule.source()));
    }
    if (Boolean.TRUE.equals(result)) {
      return Optional.empty();
    }
    String field = failedField(path, declaration.path("fieldPath").asText(""));
    String message = failureMessage(rule, declaration, self);
    return Optional.of(
        switch (declaration.path("reason").asText("FieldValueInvalid")) {
          case "FieldValueRequired" -> new FieldError(field, "Required value: " + message);
          case "FieldValueForbidden" -> new FieldError(field, "Forbidden: " + message);
          default -> FieldError.invalid(field, shownType, message);
        });
  }

  private static String failedField(String path, String fieldPath) {
    if (fieldPath.isEmpty()) {
      return path;
    }
    String relative = fieldPath.startsWith(".") ? fieldPath.substring(1) : fieldPath;
    return path.isEmpty() ? relative : path + "." + relative;
  }

  private static String failureMessage(Rule rule, JsonNode declaration, Map<String, Object> self) {
    if (rule.messageProgram().isPresent()) {
      try {
        Object message = rule.messageProgram().get().eval(self);
        if (message instanceof String text && !text.isBlank()) {
          return text;
        }
      } catch (CelEvaluationException e) {
        // The API server falls back to the static message when messageExpression fails.
      }
    }
    String message = declaration.path("message").asText("");
    return message.isEmpty() ? "failed rule: " + rule.source() : message;
  }

  private static void collect(SchemaNode schema, String path, Map<RuleKey, Rule> compiled) {
    for (JsonNode declaration : schema.validationRules()) {
      RuleKey key = RuleKey.of(declaration);
      String source = key.rule();
      String messageExpression = key.messageExpression();
      if (!compiled.containsKey(key)) {
        CelAbstractSyntaxTree ast = compileOrExplain(RULE_COMPILER, source, path);
        Optional<CelRuntime.Program> messageProgram =
            messageExpression.isEmpty()
                ? Optional.empty()
                : Optional.of(
                    program(
                        MESSAGE_COMPILER,
                        compileOrExplain(MESSAGE_COMPILER, messageExpression, path)));
        compiled.put(
            key, new Rule(source, program(RULE_COMPILER, ast), messageProgram, readsOldSelf(ast)));
      }
    }
    for (String name : schema.propertyNames()) {
      collect(schema.property(name).orElseThrow(), FieldPath.child(path, name), compiled);
    }
    schema.additionalProperties().ifPresent(values -> collect(values, path, compiled));
    schema.items().ifPresent(items -> collect(items, path, compiled));
  }

  private static CelAbstractSyntaxTree compileOrExplain(Cel compiler, String source, String path) {
    try {
      return compiler.compile(source).getAst();
    } catch (CelValidationException e) {
      throw new IllegalArgumentException(
          "The x-kubernetes-validations rule '"
              + source
              + "' at "
              + (path.isEmpty() ? "the root" : path)
              + " does not compile ("
              + e.getMessage().lines().findFirst().orElse("")
              + "); fix the CRD.",
          e);
    }
  }

  private static CelRuntime.Program program(Cel cel, CelAbstractSyntaxTree ast) {
    try {
      return cel.createProgram(ast);
    } catch (CelEvaluationException e) {
      throw new IllegalArgumentException(
          "A compiled x-kubernetes-validations rule cannot be planned: " + e.getMessage(), e);
    }
  }

  private static boolean readsOldSelf(CelAbstractSyntaxTree ast) {
    return CelNavigableAst.fromAst(ast)
        .getRoot()
        .allNodes()
        .map(node -> node.expr())
        .filter(expr -> expr.getKind() == CelExpr.ExprKind.Kind.IDENT)
        .anyMatch(expr -> expr.ident().name().equals(OLD_SELF));
  }

  private static Cel celReturning(CelType resultType) {
    return CelFactory.standardCelBuilder()
        .setOptions(CelOptions.current().build())
        .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
        .addVar(SELF, SimpleType.DYN)
        .addVar(OLD_SELF, SimpleType.DYN)
        .addCompilerLibraries(CelExtensions.strings())
        .addRuntimeLibraries(CelExtensions.strings())
        .setResultType(resultType)
        .build();
  }

  /** JSON as CEL sees it: objects as maps, arrays as lists, integers as int, numbers as double. */
  private static Object toCel(JsonNode value) {
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      value.properties().forEach(field -> map.put(field.getKey(), toCel(field.getValue())));
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>(value.size());
      value.forEach(item -> list.add(toCel(item)));
      return list;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    return NullValue.NULL_VALUE;
  }

  private record Rule(
      String source,
      CelRuntime.Program program,
      Optional<CelRuntime.Program> messageProgram,
      boolean readsOldSelf) {}

  private record RuleKey(String rule, String messageExpression) {
    static RuleKey of(JsonNode declaration) {
      return new RuleKey(
          declaration.path("rule").asText(""), declaration.path("messageExpression").asText(""));
    }
  }
}
