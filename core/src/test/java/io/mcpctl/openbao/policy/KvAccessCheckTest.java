package io.mcpctl.openbao.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KvAccessCheckTest {

  private final KvAccessCheck check = new KvAccessCheck("secret", "mcpctl", "team-a", "bao");

  @Test
  void asksAboutItsOwnFolderAndAnotherNamespacesInOneRequest() {
    assertThat(check.paths())
        .containsExactly(
            "secret/data/mcpctl/team-a/.mcpctl-healthcheck",
            "secret/data/mcpctl/mcpctl-isolation-probe/.mcpctl-healthcheck",
            "secret/metadata/mcpctl/mcpctl-isolation-probe/.mcpctl-healthcheck",
            "secret/metadata/mcpctl/");
  }

  @Test
  void theNarrowPolicysAnswerIsNeitherTooBroadNorMissingAnything() {
    KvAccessCheck.Verdict verdict =
        check.judge(answer(Set.of("create", "read", "update", "delete"), Set.of("deny")));

    assertThat(verdict.cannotUseOwnFolder()).isEmpty();
    assertThat(verdict.tooBroad()).isEmpty();
  }

  @Test
  void aPolicyOverTheWholePrefixIsTooBroadAndSaysHowToNarrowIt() {
    KvAccessCheck.Verdict verdict =
        check.judge(answer(Set.of("create", "read", "update", "delete"), Set.of("read")));

    assertThat(verdict.cannotUseOwnFolder()).isEmpty();
    assertThat(verdict.tooBroad())
        .hasValueSatisfying(
            sentence ->
                assertThat(sentence)
                    .contains("other namespaces' secrets under secret/data/mcpctl/")
                    .contains(
                        "kubectl mcpctl create secretbackend bao --type openbao --wizard -n team-a")
                    .endsWith("."));
  }

  @Test
  void onlyListingTheOtherNamespacesIsTooBroadToo() {
    Map<String, Set<String>> answer = answer(Set.of("create", "read", "update"), Set.of("deny"));
    answer.put("secret/metadata/mcpctl/", Set.of("list"));

    assertThat(check.judge(answer).tooBroad()).isPresent();
  }

  @Test
  void aTokenThatLostWriteOnItsFolderCannotUseIt() {
    KvAccessCheck.Verdict verdict = check.judge(answer(Set.of("read"), Set.of("deny")));

    assertThat(verdict.cannotUseOwnFolder())
        .hasValueSatisfying(
            sentence ->
                assertThat(sentence)
                    .startsWith(
                        "The token may no longer create or update secrets in secret/data/mcpctl/team-a/"));
  }

  @Test
  void aTokenWhosePolicyWasDeletedCannotUseItsFolder() {
    assertThat(check.judge(answer(Set.of("deny"), Set.of("deny"))).cannotUseOwnFolder())
        .hasValueSatisfying(sentence -> assertThat(sentence).contains("read or create or update"));
  }

  @Test
  void aRootTokenMayDoEverything() {
    assertThat(check.judge(answer(Set.of("root"), Set.of("deny"))).cannotUseOwnFolder()).isEmpty();
  }

  @Test
  void theProbeNamespaceItselfIsCheckedAgainstAnotherOne() {
    KvAccessCheck probe = new KvAccessCheck("secret", "mcpctl", "mcpctl-isolation-probe", "bao");

    assertThat(probe.paths().get(1)).contains("mcpctl-isolation-probe-2");
  }

  private Map<String, Set<String>> answer(Set<String> own, Set<String> others) {
    List<String> paths = check.paths();
    Map<String, Set<String>> answer = new HashMap<>();
    answer.put(paths.get(0), own);
    paths.subList(1, paths.size()).forEach(path -> answer.put(path, others));
    return answer;
  }
}
