package io.mcpctl.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's main sources, read as text: no import circle between classes anywhere, no cycle
 * between the packages of core, operator and the plugin, and the layering the README promises (core
 * depends on no other module, the plugin never on the operator).
 */
class DependencyCycleTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?(io\\.mcpctl(?:\\.[a-z]\\w*)*)\\.([A-Z]\\w*)", Pattern.MULTILINE);

  /** A main source class: its package, its module and the project classes it imports. */
  private record SourceClass(String module, String packageName, Set<String> imports) {}

  private static final Map<String, SourceClass> CLASSES = read();

  @Test
  void noClassImportsItselfThroughOthers() {
    Map<String, Set<String>> graph = new TreeMap<>();
    CLASSES.forEach(
        (name, source) -> {
          Set<String> known = new TreeSet<>(source.imports());
          known.retainAll(CLASSES.keySet());
          graph.put(name, known);
        });

    assertThat(cycles(graph)).isEmpty();
  }

  @Test
  void thePackagesOfCoreOperatorAndPluginFormNoCycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    CLASSES.forEach(
        (name, source) -> {
          if (!Set.of("core", "operator", "cli-plugin").contains(source.module())) {
            return;
          }
          Set<String> edges = graph.computeIfAbsent(source.packageName(), key -> new TreeSet<>());
          source.imports().stream()
              .map(CLASSES::get)
              .filter(imported -> imported != null)
              .map(SourceClass::packageName)
              .filter(imported -> !imported.equals(source.packageName()))
              .forEach(edges::add);
        });

    assertThat(cycles(graph)).isEmpty();
  }

  @Test
  void coreDependsOnNoOtherModuleAndThePluginNeverOnTheOperator() {
    assertThat(importsAcross("core", "operator", "cli-plugin", "sandbox")).isEmpty();
    assertThat(importsAcross("cli-plugin", "operator")).isEmpty();
    assertThat(CLASSES).as("the sources were found").hasSizeGreaterThan(100);
  }

  private static List<String> importsAcross(String from, String... to) {
    Set<String> forbidden = Set.of(to);
    List<String> found = new ArrayList<>();
    CLASSES.forEach(
        (name, source) -> {
          if (!source.module().equals(from)) {
            return;
          }
          for (String imported : source.imports()) {
            SourceClass target = CLASSES.get(imported);
            if (target != null && forbidden.contains(target.module())) {
              found.add(name + " imports " + imported);
            }
          }
        });
    return found;
  }

  /**
   * What cannot be put in dependency order: peeling off, again and again, whatever nothing left
   * depends on leaves exactly the members of a cycle and what depends on one. Empty without cycles.
   */
  private static Set<String> cycles(Map<String, Set<String>> graph) {
    Map<String, Set<String>> remaining = new TreeMap<>();
    graph.forEach((node, edges) -> remaining.put(node, new TreeSet<>(edges)));
    remaining.values().forEach(edges -> edges.retainAll(graph.keySet()));
    boolean peeled = true;
    while (peeled) {
      Set<String> leaves = new TreeSet<>();
      remaining.forEach(
          (node, edges) -> {
            if (edges.isEmpty()) {
              leaves.add(node);
            }
          });
      leaves.forEach(remaining::remove);
      remaining.values().forEach(edges -> edges.removeAll(leaves));
      peeled = !leaves.isEmpty();
    }
    return remaining.keySet();
  }

  private static Map<String, SourceClass> read() {
    Map<String, SourceClass> classes = new TreeMap<>();
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.toList()) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(sources)) {
          for (Path file : files.filter(DependencyCycleTest::isClass).toList()) {
            String text = Files.readString(file);
            Matcher packageName = PACKAGE.matcher(text);
            if (!packageName.find()) {
              continue;
            }
            Set<String> imports = new TreeSet<>();
            Matcher imported = IMPORT.matcher(text);
            while (imported.find()) {
              imports.add(imported.group(1) + "." + imported.group(2));
            }
            String simpleName = file.getFileName().toString().replace(".java", "");
            classes.put(
                packageName.group(1) + "." + simpleName,
                new SourceClass(module.getFileName().toString(), packageName.group(1), imports));
          }
        }
      }
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
    return classes;
  }

  private static boolean isClass(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".java") && !name.equals("package-info.java");
  }
}
