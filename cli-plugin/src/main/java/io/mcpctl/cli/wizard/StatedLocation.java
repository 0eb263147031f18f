package io.mcpctl.cli.wizard;

import io.mcpctl.api.v1alpha1.KvSpec;
import io.mcpctl.api.v1alpha1.OpenBaoSpec;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.text.Sentences;
import io.mcpctl.text.ShellWord;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of the flags that say where a backend's secrets live were given. A re-run for an existing
 * backend (the upgrade the README asks for) would otherwise put the defaults in place of what the
 * backend uses, and its MCP secrets would no longer be found through it; so a location moves only
 * when its flag names the new one.
 */
record StatedLocation(boolean mount, boolean pathPrefix, boolean openBaoNamespace) {

  /**
   * @param mount the mount this run uses (as are the path prefix and OpenBao namespace)
   * @throws CliException when this run would move {@code existing} to a mount, path prefix or
   *     OpenBao namespace that no flag named
   */
  void refuseUnstatedMove(
      Optional<SecretBackend> existing,
      String mount,
      String pathPrefix,
      Optional<String> openBaoNamespace) {
    Optional<OpenBaoSpec> openbao =
        existing.map(SecretBackend::getSpec).map(spec -> spec.getOpenbao());
    if (openbao.isEmpty()) {
      return;
    }
    KvSpec kv = Optional.ofNullable(openbao.get().getKv()).orElseGet(KvSpec::new);
    String name = existing.get().getMetadata().getName();
    if (!this.mount) {
      refuse(name, "mount", "--mount", kv.getMount(), mount);
    }
    if (!this.pathPrefix) {
      refuse(name, "path prefix", "--path-prefix", kv.getPathPrefix(), pathPrefix);
    }
    if (!this.openBaoNamespace) {
      refuse(
          name,
          "OpenBao namespace",
          "--openbao-namespace",
          openbao.get().getNamespace(),
          openBaoNamespace.orElse(null));
    }
  }

  private static void refuse(
      String backend, String what, String flag, String uses, String wouldUse) {
    String used = Objects.requireNonNullElse(uses, "");
    String wanted = Objects.requireNonNullElse(wouldUse, "");
    if (used.equals(wanted)) {
      return;
    }
    throw new CliException(
        "SecretBackend "
            + backend
            + " uses "
            + described(what, used)
            + ", and without "
            + flag
            + " this run would move it to "
            + described(what, wanted)
            + ", where its MCP secrets are not; pass "
            + flag
            + " "
            + keeping(used)
            + " to keep it, or the new one to move it on purpose.");
  }

  /**
   * The flag's value that keeps {@code used}, when it can be pasted as it is: the spec is written
   * by whoever may edit the backend, and a value a shell would act on runs their command for
   * whoever pastes it.
   */
  private static String keeping(String used) {
    if (used.isEmpty()) {
      return "\"\"";
    }
    return ShellWord.isLiteral(used)
        ? used
        : "with the value the backend's spec holds (it has characters a shell would act on, so"
            + " check who wrote it; this run does not repeat it as a command)";
  }

  private static String described(String what, String value) {
    return value.isEmpty() ? "the root " + what : what + " " + Sentences.oneLine(value, 200);
  }
}
