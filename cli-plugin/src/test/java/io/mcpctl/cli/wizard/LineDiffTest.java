package io.mcpctl.cli.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineDiffTest {

  @Test
  void changedLinesAreMarkedAndCommonLinesKept() {
    String existing = "path \"a\" {\n  capabilities = [\"read\"]\n}\n";
    String wanted = "path \"a\" {\n  capabilities = [\"read\", \"list\"]\n}\npath \"b\" {}\n";

    assertThat(LineDiff.between(existing, wanted))
        .containsExactly(
            "  path \"a\" {",
            "-   capabilities = [\"read\"]",
            "+   capabilities = [\"read\", \"list\"]",
            "  }",
            "+ path \"b\" {}");
  }

  @Test
  void surroundingBlankSpaceDoesNotMakeAPolicyDifferent() {
    assertThat(LineDiff.same("path \"a\" {}\n\n", "\npath \"a\" {}")).isTrue();
    assertThat(LineDiff.same("path \"a\" {}", "path \"b\" {}")).isFalse();
  }
}
