package io.mcpctl.cli.migrate;

import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.secret.SecretsFixture;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.secrets.McpSecret;
import io.mcpctl.secrets.SecretStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchTimingIT {
  @Test
  void time() {
    try (KubeFixture kube = KubeFixture.start(); OpenBaoStandIn bao = OpenBaoStandIn.start(StandInOptions.defaults())) {
      SecretsFixture f = new SecretsFixture(kube, bao);
      f.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore k = f.stores().named("default");
      SecretStore b = f.stores().named("bao");
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < 30; i++) k.create(new McpSecret(f.namespace, "k" + round + "-" + i, Map.of("a", new byte[] {1})));
        long t1 = System.nanoTime();
        for (int i = 0; i < 30; i++) k.delete("k" + round + "-" + i, k.read("k" + round + "-" + i).get().revision());
        long t2 = System.nanoTime();
        for (int i = 0; i < 30; i++) b.create(new McpSecret(f.namespace, "b" + round + "-" + i, Map.of("a", new byte[] {1})));
        long t3 = System.nanoTime();
        for (int i = 0; i < 30; i++) b.read("b" + round + "-" + i);
        long t4 = System.nanoTime();
        System.out.printf("k8s create %.1f ms, k8s read+fetch+delete %.1f ms, bao create %.1f ms, bao read %.1f ms%n",
            (t1 - t0) / 3e7, (t2 - t1) / 3e7, (t3 - t2) / 3e7, (t4 - t3) / 3e7);
      }
    }
  }
}
