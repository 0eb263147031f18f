package io.mcpctl.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The checked-in CRDs are exactly what this build generates from the Java types. */
class CrdDriftTest {

  private static final String REGENERATE =
      "Regenerate with `scripts/update-crds` (add -o to stay offline) from the repository root,"
          + " then commit crds/ and helm/mcpctl-operator/crds/.";

  private static final Path ROOT = Path.of(System.getProperty("mcpctl.root", "..")).normalize();

  @Test
  void crdsFolderHoldsExactlyTheGeneratedCrds() throws IOException, URISyntaxException {
    assertCopyMatchesGenerated(ROOT.resolve("crds"));
  }

  @Test
  void helmChartHoldsExactlyTheGeneratedCrds() throws IOException, URISyntaxException {
    assertCopyMatchesGenerated(ROOT.resolve("helm/mcpctl-operator/crds"));
  }

  private static void assertCopyMatchesGenerated(Path copyFolder)
      throws IOException, URISyntaxException {
    Path generatedFolder = generatedFolder();
    List<String> generatedNames = yamlFileNames(generatedFolder);
    assertThat(generatedNames).as("CRDs generated into %s", generatedFolder).isNotEmpty();
    if (!Files.isDirectory(copyFolder)) {
      fail(ROOT.relativize(copyFolder) + "/ is missing. " + REGENERATE);
    }
    assertThat(yamlFileNames(copyFolder))
        .as(
            "CRD files in %s/ should be the generated ones. %s",
            ROOT.relativize(copyFolder), REGENERATE)
        .isEqualTo(generatedNames);
    for (String name : generatedNames) {
      String generated = Files.readString(generatedFolder.resolve(name), StandardCharsets.UTF_8);
      String checkedIn = Files.readString(copyFolder.resolve(name), StandardCharsets.UTF_8);
      if (!checkedIn.equals(generated)) {
        fail(
            ROOT.relativize(copyFolder.resolve(name))
                + " differs from the CRD generated from io.mcpctl.api.v1alpha1 ("
                + firstDifference(checkedIn, generated)
                + "). "
                + REGENERATE);
      }
    }
  }

  private static Path generatedFolder() throws URISyntaxException {
    URL folder = CrdDriftTest.class.getClassLoader().getResource("META-INF/fabric8");
    assertThat(folder)
        .as("META-INF/fabric8 on the class path; the crd-generator-maven-plugin writes it")
        .isNotNull();
    return Path.of(folder.toURI());
  }

  private static List<String> yamlFileNames(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".yml") || name.endsWith(".yaml"))
          .sorted()
          .toList();
    }
  }

  private static String firstDifference(String checkedIn, String generated) {
    List<String> checkedInLines = checkedIn.lines().toList();
    List<String> generatedLines = generated.lines().toList();
    int line = 0;
    while (line < checkedInLines.size()
        && line < generatedLines.size()
        && checkedInLines.get(line).equals(generatedLines.get(line))) {
      line++;
    }
    if (line == checkedInLines.size() && line == generatedLines.size()) {
      return "same lines, different line endings or final newline";
    }
    return "first difference at line "
        + (line + 1)
        + ": checked in "
        + lineOrEnd(checkedInLines, line)
        + ", generated "
        + lineOrEnd(generatedLines, line);
  }

  private static String lineOrEnd(List<String> lines, int index) {
    return index < lines.size() ? "'" + lines.get(index).strip() + "'" : "end of file";
  }
}
