package io.mcpctl.e2e.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Facts read from the files the chart must stay in step with. */
final class ChartFiles {

  private static final Pattern DOCKERFILE_JVM_OPTIONS =
      Pattern.compile("(?m)^ENV JDK_JAVA_OPTIONS=\"([^\"]*)\"\\s*$");

  private ChartFiles() {}

  static Path dockerfile() {
    return OperatorChart.repoRoot().resolve("operator/src/main/docker/Dockerfile");
  }

  /** The version of the root pom.xml, which every module inherits. */
  static String projectVersion() {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Element project =
          factory
              .newDocumentBuilder()
              .parse(OperatorChart.repoRoot().resolve("pom.xml").toFile())
              .getDocumentElement();
      for (Node child = project.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element element && element.getTagName().equals("version")) {
          return element.getTextContent().strip();
        }
      }
      throw new IllegalStateException("The root pom.xml has no <version> of its own.");
    } catch (Exception e) {
      throw new IllegalStateException("Cannot read the version from the root pom.xml.", e);
    }
  }

  /** jvmOptions as values.yaml sets it (a folded scalar, so one line). */
  static String defaultJvmOptions() {
    return OperatorChart.readYaml(OperatorChart.chartDir().resolve("values.yaml"))
        .get("jvmOptions")
        .asText()
        .strip();
  }

  /** JDK_JAVA_OPTIONS as the image sets it. */
  static String dockerfileJvmOptions() {
    Matcher matcher = DOCKERFILE_JVM_OPTIONS.matcher(read(dockerfile()));
    if (!matcher.find()) {
      throw new AssertionError("The Dockerfile sets no ENV JDK_JAVA_OPTIONS=\"…\" line.");
    }
    return matcher.group(1).strip();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
