package io.mcpctl.cli.wizard;

import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.KubeFixture;
import io.mcpctl.cli.LeakCheck;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One OpenBao stand-in, one namespace, and the wizard's command line for them. */
public final class WizardFixture implements AutoCloseable {

  public final KubeFixture kube;
  public final OpenBaoStandIn bao;
  public final String namespace;
  final Path inputs;
  private final List<CliHarness.Result> results = new ArrayList<>();
  private final Set<String> namespaces = new LinkedHashSet<>();

  public WizardFixture(KubeFixture kube, StandInOptions options) {
    this.kube = kube;
    this.bao = OpenBaoStandIn.start(options);
    this.namespace = kube.newNamespace("wizard");
    namespaces.add(namespace);
    try {
      this.inputs = Files.createTempDirectory("wizard-inputs-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The admin client of the stand-in, for arranging and checking OpenBao state. */
  public OpenBaoClient root() {
    return OpenBaoClient.connect(OpenBaoConnection.of(bao.address().toString()))
        .withToken(bao.rootToken());
  }

  /** The admin client of the stand-in acting in the OpenBao namespace {@code openBaoNamespace}. */
  OpenBaoClient rootIn(String openBaoNamespace) {
    return OpenBaoClient.connect(
            OpenBaoConnection.builder(bao.address().toString()).namespace(openBaoNamespace).build())
        .withToken(bao.rootToken());
  }

  /**
   * Creates an OpenBao namespace as an OpenBao administrator does ({@code bao namespace create}),
   * which the wizard expects to exist.
   */
  void createOpenBaoNamespace(String name) {
    HttpRequest create =
        HttpRequest.newBuilder(bao.address().resolve("/v1/sys/namespaces/" + name))
            .header("X-Vault-Token", adminToken())
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();
    try {
      int status =
          HttpClient.newHttpClient()
              .send(create, HttpResponse.BodyHandlers.discarding())
              .statusCode();
      if (status != 200) {
        throw new IllegalStateException("Creating namespace " + name + " answered " + status);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public String adminToken() {
    return bao.rootToken().reveal();
  }

  /** Writes a file readable only by its owner, as a person keeps an admin token. */
  public Path secretFile(String name, String content) {
    try {
      Path file = inputs.resolve(name);
      Files.writeString(file, content);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code create secretbackend NAME --type openbao --wizard --url <stand-in>} plus extras. */
  public String[] wizard(String backend, String... extra) {
    return wizardIn(namespace, backend, extra);
  }

  /** The wizard's command line for {@code backend} in another {@code namespace}. */
  String[] wizardIn(String namespace, String backend, String... extra) {
    namespaces.add(namespace);
    List<String> args =
        new ArrayList<>(
            List.of(
                "create",
                "secretbackend",
                backend,
                "--type",
                "openbao",
                "--wizard",
                "--url",
                bao.address().toString()));
    args.addAll(List.of(extra));
    args.addAll(List.of(kube.flags(namespace)));
    return args.toArray(String[]::new);
  }

  /** The wizard with the stand-in's root token as admin token, from a 0600 file. */
  public CliHarness.Result runWithRootToken(CliHarness harness, String backend, String... extra) {
    return runWithRootTokenIn(namespace, harness, backend, extra);
  }

  /** {@link #runWithRootToken} in another namespace of the same cluster. */
  public CliHarness.Result runWithRootTokenIn(
      String namespace, CliHarness harness, String backend, String... extra) {
    Path tokenFile = secretFile("admin-token", adminToken() + "\n");
    List<String> args = new ArrayList<>(List.of(extra));
    args.add("--admin-token-file");
    args.add(tokenFile.toString());
    return run(harness, wizardIn(namespace, backend, args.toArray(String[]::new)));
  }

  /** Runs the plugin and keeps the result for {@link #assertAdminTokenLeakedNowhere()}. */
  public CliHarness.Result run(CliHarness harness, String... args) {
    CliHarness.Result result = harness.run(args);
    results.add(result);
    return result;
  }

  /**
   * The stand-in's root token, the admin token of these tests, is in no output of any run, no API
   * object of the namespaces the runs used, the plugin's log or any file the runs could have
   * written.
   */
  public void assertAdminTokenLeakedNowhere() {
    LeakCheck leaks = LeakCheck.of(adminToken());
    results.forEach(leaks::assertNotIn);
    namespaces.forEach(used -> leaks.assertNowhere(kube.client(), used, kube.directory()));
  }

  @Override
  public void close() {
    bao.close();
    try (var files = Files.walk(inputs)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
