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
  void dotsInsideANameAreAcceptedAndLettersOutsideAsciiAreNot() {
    assertThat(OpenBaoNamespace.parse("equipe.a/dev-1_x")).isPresent();
    // The name travels in a header: the JDK refuses "команда" there and sends "é" as one
    // ISO-8859-1 byte, which is not the UTF-8 name OpenBao holds.
    for (String outsideAscii : new String[] {"équipe.a/dev", "команда", "team-\u00a0"}) {
      assertThatThrownBy(() -> OpenBaoNamespace.parse(outsideAscii))
          .as(outsideAscii)
          .hasMessageContaining("a namespace name in it contains a");
    }
    assertThatThrownBy(() -> OpenBaoNamespace.parse("команда"))
        .hasMessage("a namespace name in it contains a character other than ASCII");
  }
}
