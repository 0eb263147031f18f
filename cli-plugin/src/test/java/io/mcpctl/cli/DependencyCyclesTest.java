package io.mcpctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.annotation.Annotation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plugin's layers, read from its compiled classes: no two packages depend on each other,
 * however indirectly, and neither do two classes (a nested class counts as its top-level one). The
 * root package lists every command; {@code common} is what they all use; {@code wizard} builds on
 * {@code backend}, and {@code create} on both. jdeps reads what the code refers to; the classes
 * that annotations name (picocli's {@code subcommands}, {@code versionProvider}), which jdeps does
 * not see, are added by reflection.
 */
class DependencyCyclesTest {

  private static final String PLUGIN = "io.mcpctl.cli";

  /** {@code io.mcpctl.cli.A -> io.mcpctl.cli.b.B classes}, as {@code jdeps -verbose:class}. */
  private static final Pattern EDGE = Pattern.compile("^\\s*(\\S+)\\s+->\\s+(\\S+)\\s+\\S+\\s*$");

  private static Map<String, Set<String>> classes;

  @BeforeAll
  static void readTheCompiledClasses()
      throws URISyntaxException, IOException, ClassNotFoundException {
    Path compiled =
        Path.of(McpctlCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new IllegalStateException("jdeps is missing; run with a full JDK."));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        jdeps.run(
            new PrintWriter(out),
            new PrintWriter(err),
            "-verbose:class",
            "-filter:none",
            "-e",
            Pattern.quote(PLUGIN) + "(\\..*)?",
            compiled.toString());
    assertThat(exit).as("jdeps: %s", err).isZero();
    classes = new TreeMap<>();
    out.toString()
        .lines()
        .map(EDGE::matcher)
        .filter(Matcher::matches)
        .forEach(
            edge ->
                classes
                    .computeIfAbsent(topLevel(edge.group(1)), from -> new TreeSet<>())
                    .add(topLevel(edge.group(2))));
    assertThat(classes).as("dependencies jdeps found").containsKey(PLUGIN + ".McpctlCommand");
    try (Stream<Path> files = Files.walk(compiled)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = compiled.relativize(file).toString().replace(".class", "").replace('/', '.');
        Class<?> type = Class.forName(name, false, DependencyCyclesTest.class.getClassLoader());
        namedInAnnotations(type)
            .filter(named -> named.getName().startsWith(PLUGIN + "."))
            .forEach(
                named ->
                    classes
                        .computeIfAbsent(topLevel(name), from -> new TreeSet<>())
                        .add(topLevel(named.getName())));
      }
    }
  }

  /** The classes the annotations of {@code type}, its fields and its methods name. */
  private static Stream<Class<?>> namedInAnnotations(Class<?> type) {
    return Stream.of(
            Stream.of(type.getDeclaredAnnotations()),
            Stream.of(type.getDeclaredFields()).flatMap(field -> Stream.of(field.getAnnotations())),
            Stream.of(type.getDeclaredMethods())
                .flatMap(method -> Stream.of(method.getAnnotations())))
        .flatMap(annotations -> annotations)
        .flatMap(DependencyCyclesTest::classesIn);
  }

  private static Stream<Class<?>> classesIn(Annotation annotation) {
    return Stream.of(annotation.annotationType().getDeclaredMethods())
        .map(
            element -> {
              try {
                return element.invoke(annotation);
              } catch (ReflectiveOperationException unreadable) {
                throw new IllegalStateException(unreadable);
              }
            })
        .flatMap(
            value ->
                value instanceof Class<?> single
                    ? Stream.of(single)
                    : value instanceof Class<?>[] several ? Stream.of(several) : Stream.empty());
  }

  @Test
  void noPackagesDependOnEachOther() {
    assertThat(cycles(collapsed(classes, DependencyCyclesTest::packageOf))).isEmpty();
  }

  @Test
  void noClassesDependOnEachOther() {
    assertThat(cycles(classes)).isEmpty();
  }

  private static String topLevel(String className) {
    int nested = className.indexOf('$');
    return nested < 0 ? className : className.substring(0, nested);
  }

  private static String packageOf(String className) {
    return className.substring(0, className.lastIndexOf('.'));
  }

  /** The graph with every node renamed by {@code rename}; edges within one node dropped. */
  private static Map<String, Set<String>> collapsed(
      Map<String, Set<String>> graph, UnaryOperator<String> rename) {
    Map<String, Set<String>> result = new TreeMap<>();
    graph.forEach(
        (from, targets) ->
            targets.forEach(
                to ->
                    result
                        .computeIfAbsent(rename.apply(from), node -> new TreeSet<>())
                        .add(rename.apply(to))));
    return result;
  }

  /**
   * The strongly connected components with more than one node (Tarjan's algorithm): each is a set
   * of nodes that all reach each other.
   */
  private static List<Set<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> lowLink = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<Set<String>> components = new ArrayList<>();
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) {
        connect(node, graph, index, lowLink, stack, onStack, components);
      }
    }
    return components.stream().filter(component -> component.size() > 1).toList();
  }

  private static void connect(
      String node,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> lowLink,
      Deque<String> stack,
      Set<String> onStack,
      List<Set<String>> components) {
    index.put(node, index.size());
    lowLink.put(node, index.get(node));
    stack.push(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, graph, index, lowLink, stack, onStack, components);
        lowLink.put(node, Math.min(lowLink.get(node), lowLink.get(next)));
      } else if (onStack.contains(next)) {
        lowLink.put(node, Math.min(lowLink.get(node), index.get(next)));
      }
    }
    if (lowLink.get(node).equals(index.get(node))) {
      Set<String> component = new TreeSet<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      components.add(component);
    }
  }
}
