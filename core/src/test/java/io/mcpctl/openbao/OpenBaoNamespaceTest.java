package io.mcpctl.openbao;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenBao's namespace naming rules (helper/namespace/namespace.go, v2.6.2). */
class OpenBaoNamespaceTest {

  @Test
  void nestedPathsAreKeptWithoutTheirSlashesAndCanonicalWithATrailingOne() {
    OpenBaoNamespace dev = OpenBaoNamespace.parse("/team-a/dev/").orElseThrow();

    assertThat(dev.path()).isEqualTo("team-a/dev");
    assertThat(dev.canonical()).isEqualTo("team-a/dev/");
    assertThat(dev.segments()).isEqualTo(List.of("team-a", "dev"));
    assertThat(OpenBaoNamespace.parse("team-a/dev")).contains(dev);
  }

  @Test
  void absentBlankOrASlashIsTheRootNamespace() {
    assertThat(OpenBaoNamespace.parse(null)).isEmpty();
    assertThat(OpenBaoNamespace.parse("  ")).isEmpty();
    assertThat(OpenBaoNamespace.parse("/")).isEmpty();
  }

  @Test
  void whatOpenBaoRefusesIsRefusedWithTheReason() {
    assertThatThrownBy(() -> OpenBaoNamespace.parse("root"))
        .hasMessage("\"root\" is reserved by OpenBao");
    assertThatThrownBy(() -> OpenBaoNamespace.parse("a/../b"))
        .hasMessage("\"..\" is reserved by OpenBao");
    assertThatThrownBy(() -> OpenBaoNamespace.parse("team a"))
        .hasMessage("a namespace name in it contains a space");
    assertThatThrownBy(() -> OpenBaoNamespace.parse("team\u0007"))
        .hasMessage("a namespace name in it contains a control character");
    assertThatThrownBy(() -> OpenBaoNamespace.parse("team+1"))
        .hasMessage("a namespace name in it contains a wildcard (+ or *)");
  }

  @Test
  void unicodeLettersAndDotsInsideANameAreAccepted() {
    assertThat(OpenBaoNamespace.parse("équipe.a/dev-1_x")).isPresent();
  }
}
