package io.mcpctl.cli.migrate;

import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.Cluster;
import io.mcpctl.cli.common.PluginRoot;
import io.mcpctl.cli.secret.StoreErrors;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.SecretStoreException;
import io.mcpctl.secrets.SecretStores;
import io.mcpctl.secrets.migrate.MigrationOptions;
import io.mcpctl.secrets.migrate.MigrationReport;
import io.mcpctl.secrets.migrate.SecretMigration;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kubectl mcpctl migrate secrets --from A --to B [--dry-run] [--keep-source] [--overwrite]
 * [-l SELECTOR]}: moves a namespace's MCP secrets between backends, verified and resumable, and
 * prints what happened to each. Exit 1 when any secret is left behind (conflict or failure).
 */
@Command(
    name = "secrets",
    aliases = {"secret"},
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Move the namespace's MCP secrets from one backend to another.",
      "Each secret is written to the target only if absent (a different value there is a",
      "conflict, left alone unless --overwrite), read back and compared, and only then removed",
      "from the source. Interrupted runs are finished by running the same command again."
    })
public final class MigrateSecretsCommand implements Callable<Integer> {

  private static final int UNFINISHED = 1;

  @Spec CommandSpec spec;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "BACKEND",
      description =
          "Backend to move the secrets from ('default' is the built-in kubernetes store).")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "BACKEND",
      description = "Backend to move the secrets to.")
  String to;

  @Option(names = "--dry-run", description = "Show what would happen; change nothing.")
  boolean dryRun;

  @Option(names = "--keep-source", description = "Copy and verify, but keep the source secrets.")
  boolean keepSource;

  @Option(
      names = "--overwrite",
      description = "Replace a different value on the target instead of reporting a conflict.")
  boolean overwrite;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description =
          "Only source secrets whose labels match, e.g. team=a (kubernetes sources only: OpenBao"
              + " has no labels).")
  String selector;

  @Override
  public Integer call() {
    PluginRoot root = PluginRoot.of(spec);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    MigrationReport report;
    try (Cluster cluster = root.kube().connect()) {
      SecretStores stores = StoreErrors.stores(spec, cluster);
      SecretStore source = stores.named(from);
      SecretStore target = stores.named(to);
      SecretMigration migration = migration(source, target);
      out.println(
          (dryRun ? "Dry run: would migrate" : "Migrating")
              + " the MCP secrets of namespace "
              + cluster.namespace()
              + " from "
              + from
              + " ("
              + source.location()
              + ") to "
              + to
              + " ("
              + target.location()
              + ").");
      out.flush();
      report = run(migration);
      if (report.results().isEmpty()) {
        out.println(
            "Backend "
                + from
                + " holds no MCP secrets"
                + (selector == null ? "" : " matching " + selector)
                + " in namespace "
                + cluster.namespace()
                + "; nothing to migrate.");
        out.flush();
        return 0;
      }
    } catch (SecretStoreException e) {
      throw StoreErrors.failure(e);
    }
    MigrationText.print(report, out);
    out.flush();
    if (report.finished()) {
      return 0;
    }
    long left = report.results().stream().filter(r -> r.outcome().unfinished()).count();
    err.println(
        "error: "
            + left
            + (left == 1 ? " secret " : " secrets ")
            + (dryRun ? "would not migrate" : (left == 1 ? "was" : "were") + " not migrated")
            + "; resolve what the table says and run the same command again.");
    err.flush();
    return UNFINISHED;
  }

  private SecretMigration migration(SecretStore source, SecretStore target) {
    try {
      return new SecretMigration(
          source,
          target,
          new MigrationOptions(dryRun, keepSource, overwrite, Optional.ofNullable(selector)));
    } catch (IllegalArgumentException impossible) {
      throw new ParameterException(spec.commandLine(), impossible.getMessage());
    }
  }

  private static MigrationReport run(SecretMigration migration) {
    try {
      return migration.run();
    } catch (IllegalArgumentException refusedSelector) {
      throw new CliException(refusedSelector.getMessage(), refusedSelector);
    }
  }
}
