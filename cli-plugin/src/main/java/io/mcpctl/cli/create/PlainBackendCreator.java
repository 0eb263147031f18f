package io.mcpctl.cli.create;

import io.fabric8.kubernetes.api.model.Secret;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.cli.backend.BackendObjects.OpenBaoTarget;
import io.mcpctl.cli.backend.CaBundle;
import io.mcpctl.cli.backend.DefaultBackends;
import io.mcpctl.cli.backend.KubernetesChanges;
import io.mcpctl.cli.backend.TlsOptions;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.Cluster;
import io.mcpctl.cli.common.InputFiles;
import io.mcpctl.cli.common.KubeOptions;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.OpenBaoNamespace;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Creates a backend without the wizard: a kubernetes backend, or an openbao backend with a static
 * token the user provides. Nothing is sent to OpenBao; the operator checks the token.
 */
final class PlainBackendCreator {

  private final KubeOptions kube;
  private final PrintWriter out;

  PlainBackendCreator(KubeOptions kube, PrintWriter out) {
    this.kube = kube;
    this.out = out;
  }

  void createKubernetes(BackendNames names, boolean makeDefault) {
    try (Cluster cluster = kube.connect()) {
      create(cluster, names, BackendObjects.kubernetesSpec(makeDefault), List.of(), makeDefault);
    }
  }

  void createStaticOpenBao(
      BackendNames names,
      String url,
      Optional<OpenBaoNamespace> openBaoNamespace,
      String mount,
      String pathPrefix,
      TlsOptions tls,
      Path tokenFile,
      boolean makeDefault) {
    checkAddress(url);
    VaultToken token = readToken(tokenFile);
    Optional<String> caPem = CaBundle.of(tls).map(CaBundle::pem);
    try (Cluster cluster = kube.connect()) {
      String namespace = cluster.namespace();
      OpenBaoTarget target =
          new OpenBaoTarget(
              url,
              openBaoNamespace.map(OpenBaoNamespace::path).orElse(null),
              mount,
              pathPrefix,
              caPem.isPresent(),
              tls.insecureSkipTlsVerify());
      SecretBackendSpec spec =
          BackendObjects.openBaoSpec(names, target, Optional.empty(), makeDefault);
      // A token given by hand: the operator checks it but never rotates or revokes it.
      TokenSecretBinding.Binding binding =
          TokenSecretBinding.Binding.fixed(
              names.backend(), url, TokenSecretBinding.tls(tls.insecureSkipTlsVerify(), caPem));
      Secret tokenSecret =
          BackendObjects.tokenSecret(namespace, names, binding, token, Optional.empty());
      List<Secret> secrets =
          caPem
              .map(pem -> List.of(tokenSecret, BackendObjects.caSecret(namespace, names, pem)))
              .orElseGet(() -> List.of(tokenSecret));
      create(cluster, names, spec, secrets, makeDefault);
    }
  }

  private void create(
      Cluster cluster,
      BackendNames names,
      SecretBackendSpec spec,
      List<Secret> secrets,
      boolean makeDefault) {
    String namespace = cluster.namespace();
    DefaultBackends defaults = DefaultBackends.read(cluster);
    if (defaults.find(names.backend()).isPresent()) {
      throw new CliException(
          "SecretBackend "
              + names.backend()
              + " already exists in namespace "
              + namespace
              + "; delete it first (kubectl delete secretbackend "
              + names.backend()
              + " -n "
              + namespace
              + ") or choose another name.");
    }
    for (Secret secret : secrets) {
      String secretName = secret.getMetadata().getName();
      if (cluster.client().secrets().inNamespace(namespace).withName(secretName).get() != null) {
        throw new CliException(
            "Secret "
                + secretName
                + " already exists in namespace "
                + namespace
                + "; delete it first or choose another backend name.");
      }
    }
    KubernetesChanges changes = new KubernetesChanges(cluster.client(), namespace);
    try {
      secrets.forEach(changes::applySecret);
      changes.applyBackend(BackendObjects.backend(namespace, names.backend(), spec));
      List<String> demoted =
          makeDefault ? defaults.demoteAllBut(names.backend(), changes) : List.of();
      out.println("secretbackend/" + names.backend() + " created in namespace " + namespace);
      secrets.forEach(
          secret -> out.println("secret/" + secret.getMetadata().getName() + " created"));
      if (makeDefault) {
        out.println(
            "secretbackend/"
                + names.backend()
                + " is the namespace's default"
                + (demoted.isEmpty() ? "" : " (was: " + String.join(", ", demoted) + ")"));
      }
      out.flush();
    } catch (RuntimeException failure) {
      throw changes.rolledBack(failure);
    }
  }

  private static void checkAddress(String url) {
    try {
      OpenBaoConnection.of(url);
    } catch (IllegalArgumentException e) {
      throw new CliException(e.getMessage());
    }
  }

  private static VaultToken readToken(Path tokenFile) {
    String content = InputFiles.read("--token-file", tokenFile);
    try {
      return VaultToken.of(content);
    } catch (IllegalArgumentException notOneToken) {
      throw new CliException(
          "The file "
              + tokenFile
              + " given to --token-file does not hold exactly one token (it is empty, or has"
              + " spaces or several lines); put only the token in it.");
    }
  }
}
