package io.mcpctl.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class McpSecretTest {

  private static final byte[] VALUE = "s3cr3t-value".getBytes(StandardCharsets.UTF_8);

  @Test
  void secretsWithEqualBytesAreEqualEvenWhenBuiltFromDifferentArrays() {
    McpSecret one = new McpSecret("team-a", "github", Map.of("token", VALUE.clone()));
    McpSecret two = new McpSecret("team-a", "github", Map.of("token", VALUE.clone()));

    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
  }

  @Test
  void oneDifferentByteNameOrNamespaceMakesThemDifferent() {
    McpSecret base = new McpSecret("team-a", "github", Map.of("token", VALUE));
    byte[] changed = VALUE.clone();
    changed[0] ^= 1;

    assertThat(base)
        .isNotEqualTo(new McpSecret("team-a", "github", Map.of("token", changed)))
        .isNotEqualTo(new McpSecret("team-a", "gitlab", Map.of("token", VALUE)))
        .isNotEqualTo(new McpSecret("team-b", "github", Map.of("token", VALUE)))
        .isNotEqualTo(new McpSecret("team-a", "github", Map.of("token2", VALUE)));
  }

  @Test
  void toStringNamesTheKeysAndNeverAValue() {
    McpSecret secret = new McpSecret("team-a", "github", Map.of("token", VALUE, "user", VALUE));

    assertThat(secret.toString())
        .isEqualTo("McpSecret[team-a/github, keys=[token, user]]")
        .doesNotContain("s3cr3t");
  }

  @Test
  void changingTheArraysGivenOrReturnedChangesNothingInside() {
    byte[] given = VALUE.clone();
    Map<String, byte[]> data = new HashMap<>(Map.of("token", given));
    McpSecret secret = new McpSecret("team-a", "github", data);

    given[0] = 'X';
    data.put("other", VALUE);
    secret.value("token").orElseThrow()[1] = 'Y';
    secret.data().get("token")[2] = 'Z';

    assertThat(secret.keys()).containsExactly("token");
    assertThat(secret.value("token")).hasValueSatisfying(v -> assertThat(v).isEqualTo(VALUE));
  }

  @ParameterizedTest(name = "name {0} is refused")
  @ValueSource(strings = {"", "GitHub", "-github", "github-", "git_hub", "a/b", "a..b"})
  void namesMustBeKubernetesSecretNames(String name) {
    assertThatThrownBy(() -> new McpSecret("team-a", name, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The secret name given is not valid (not shown in case it is a")
        .satisfies(
            refused ->
                assertThat(refused.getMessage())
                    .doesNotContain("'" + name + "'")
                    .contains("use lower-case"));
  }

  @ParameterizedTest(name = "key {0} is refused")
  @ValueSource(strings = {"", "a b", "a/b", ".", "..", "..hidden", "é"})
  void keysMustBeKubernetesSecretKeys(String key) {
    assertThatThrownBy(() -> new McpSecret("team-a", "github", Map.of(key, VALUE)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("The key '" + key + "' is not valid");
  }

  @ParameterizedTest(name = "key {0} is accepted")
  @ValueSource(strings = {"token", "config.json", ".dotfile", "A_B-c.9"})
  void ordinaryKeysAreAccepted(String key) {
    assertThat(new McpSecret("team-a", "github", Map.of(key, VALUE)).keys()).containsExactly(key);
  }
}
