package io.mcpctl.cli.check;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.mcpctl.api.v1alpha1.ReadyReasons;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.api.v1alpha1.TokenHealth;
import io.mcpctl.cli.backend.BackendOpenBao;
import io.mcpctl.cli.backend.BackendOpenBao.SecretRead;
import io.mcpctl.cli.common.CliException;
import io.mcpctl.cli.common.RelativeTime;
import io.mcpctl.health.TokenAssessment;
import io.mcpctl.health.TokenHealthEvaluator;
import io.mcpctl.openbao.HealthStatus;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.KvAccessCheck;
import io.mcpctl.openbao.policy.TokenLifecycleCheck;
import io.mcpctl.text.Sentences;
import io.mcpctl.time.Rfc3339;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One SecretBackend as the operator reports it (reconciled, Ready, token health and runway) and,
 * for OpenBao, as the plugin sees it from where it runs: OpenBao reachable and unsealed, and the
 * backend's own token still granted what the narrow policy intends.
 */
final class BackendCheck {

  private final KubernetesClient client;
  private final TokenHealthEvaluator evaluator;
  private final Instant now;

  BackendCheck(KubernetesClient client, TokenHealthEvaluator evaluator, Instant now) {
    this.client = client;
    this.evaluator = evaluator;
    this.now = now;
  }

  List<CheckResult> run(SecretBackend backend) {
    String subject = backend.getMetadata().getNamespace() + "/" + backend.getMetadata().getName();
    List<CheckResult> results = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    reconciled(backend).ifPresent(problem -> results.add(CheckResult.problem(subject, problem)));
    Optional<Condition> ready = backend.condition(ReadyReasons.CONDITION_TYPE);
    if (ready.filter(condition -> "True".equals(condition.getStatus())).isPresent()) {
      fine.add("Ready");
    } else if (ready.isPresent()) {
      results.add(
          CheckResult.problem(
              subject, "Not Ready (" + ready.get().getReason() + "): " + ready.get().getMessage()));
    }
    evaluator
        .assess(backend, now)
        .ifPresent(assessment -> health(subject, backend, assessment, results, fine));
    try {
      BackendOpenBao.of(client, backend)
          .ifPresent(openBao -> seenFromHere(subject, openBao, results, fine));
    } catch (IllegalArgumentException unusable) {
      // A CA bundle, role, mount or path the client refuses: this backend's row says so, and the
      // check goes on with the others (-A reads every namespace's).
      results.add(
          CheckResult.problem(
              subject,
              "Its spec cannot be used to reach OpenBao: "
                  // What is wrong, without the advice meant for whoever passed it on a command
                  // line.
                  + Sentences.withoutFinalPeriod(unusable.getMessage()).split("; ", 2)[0]
                  + "; fix the SecretBackend (its Ready condition names the field) and check"
                  + " again."));
    }
    if (results.stream().noneMatch(CheckResult::isProblem)) {
      results.add(0, CheckResult.ok(subject, String.join(", ", fine) + "."));
    }
    return results;
  }

  /** Whether the operator has acted on the backend's latest spec. */
  private static Optional<String> reconciled(SecretBackend backend) {
    Long generation = backend.getMetadata().getGeneration();
    Long observed =
        backend.getStatus() == null ? null : backend.getStatus().getObservedGeneration();
    if (observed == null) {
      return Optional.of(
          "The operator has not reconciled it yet (no status); check that the operator runs and"
              + " watches namespace "
              + backend.getMetadata().getNamespace()
              + ".");
    }
    if (generation != null && observed < generation) {
      return Optional.of(
          "The operator has not reconciled its latest spec (generation "
              + generation
              + ", observed "
              + observed
              + "); check that the operator runs, then look at its events with 'kubectl describe"
              + " sb "
              + backend.getMetadata().getName()
              + " -n "
              + backend.getMetadata().getNamespace()
              + "'.");
    }
    return Optional.empty();
  }

  private void health(
      String subject,
      SecretBackend backend,
      TokenAssessment assessment,
      List<CheckResult> results,
      List<String> fine) {
    Optional<Instant> expires =
        Optional.ofNullable(backend.getStatus())
            .map(status -> status.getTokenMeta())
            .flatMap(meta -> Rfc3339.parse(meta.getExpiresAt()));
    String runway = expires.map(at -> ", expires " + RelativeTime.relative(at, now)).orElse("");
    if (assessment.health() == TokenHealth.HEALTHY) {
      fine.add("token HEALTHY" + runway);
      return;
    }
    results.add(
        CheckResult.problem(
            subject,
            "Token "
                + assessment.health().display()
                + runway
                + ": "
                + assessment.reason()
                + " See 'kubectl mcpctl describe sb "
                + backend.getMetadata().getName()
                + " -n "
                + backend.getMetadata().getNamespace()
                + "'."));
  }

  private void seenFromHere(
      String subject, BackendOpenBao openBao, List<CheckResult> results, List<String> fine) {
    OpenBaoClient bao;
    try {
      bao = OpenBaoClient.connect(openBao.connection());
    } catch (CliException unusable) {
      results.add(CheckResult.note(subject, unusable.getMessage()));
      return;
    }
    HealthStatus health;
    try {
      health = bao.health();
    } catch (OpenBaoException odd) {
      results.add(CheckResult.problem(subject, odd.getMessage()));
      return;
    }
    String address = openBao.spec().getAddress();
    switch (health.state()) {
      case ACTIVE, STANDBY -> {
        fine.add("OpenBao unsealed");
        tokenRights(subject, openBao, bao, results, fine);
      }
      case SEALED ->
          results.add(
              CheckResult.problem(
                  subject,
                  "OpenBao at "
                      + address
                      + " is sealed, so no token can be checked or rotated; unseal it ('bao"
                      + " operator unseal')."));
      case UNINITIALISED ->
          results.add(
              CheckResult.problem(
                  subject,
                  "OpenBao at " + address + " is not initialised; run 'bao operator init'."));
      case UNREACHABLE, TLS_REFUSED -> {
        results.add(
            CheckResult.note(
                subject,
                "OpenBao at "
                    + address
                    + " cannot be reached from here ("
                    + health.detail()
                    + "); only what the operator reports was checked."));
      }
    }
  }

  /** The backend's own token, asked what it may do; nothing is written. */
  private void tokenRights(
      String subject,
      BackendOpenBao openBao,
      OpenBaoClient bao,
      List<CheckResult> results,
      List<String> fine) {
    SecretRead read = openBao.tokenSecret();
    if (read instanceof SecretRead.Forbidden forbidden) {
      results.add(
          CheckResult.note(
              subject,
              "Secret "
                  + forbidden.secret()
                  + " may not be read with your rights, so the token's rights were not checked."));
      return;
    }
    if (read instanceof SecretRead.Missing missing) {
      results.add(
          CheckResult.problem(subject, missing.why() + "; re-run the wizard to store a token."));
      return;
    }
    if (read instanceof SecretRead.Unbound unbound) {
      results.add(CheckResult.problem(subject, unbound.problem()));
      return;
    }
    SecretKeyRef ref = openBao.spec().getAuth().getTokenSecretRef();
    Optional<VaultToken> token =
        ref.valueIn(((SecretRead.Readable) read).secret())
            .filter(value -> !value.isBlank())
            .flatMap(BackendCheck::token);
    if (token.isEmpty()) {
      results.add(
          CheckResult.problem(
              subject,
              "Secret "
                  + ref.getName()
                  + " holds no usable token under key "
                  + ref.getKey()
                  + "; re-run the wizard to store one."));
      return;
    }
    KvAccessCheck kv =
        new KvAccessCheck(
            openBao.kv().getMount(),
            openBao.kv().getPathPrefix(),
            openBao.namespace(),
            openBao.name());
    TokenLifecycleCheck lifecycle =
        new TokenLifecycleCheck(openBao.namespace(), openBao.name(), openBao.tokenRole());
    List<String> paths = new ArrayList<>(kv.paths());
    paths.addAll(lifecycle.paths());
    Map<String, Set<String>> capabilities;
    try {
      capabilities = bao.withToken(token.get()).capabilitiesSelf(paths);
    } catch (TokenRejectedException rejected) {
      results.add(
          CheckResult.problem(
              subject,
              "OpenBao rejects the token in Secret "
                  + ref.getName()
                  + " (revoked or expired); re-run the wizard to mint a fresh one."));
      return;
    } catch (OpenBaoException unanswered) {
      results.add(
          CheckResult.note(
              subject, "The token's rights could not be asked: " + unanswered.getMessage()));
      return;
    }
    KvAccessCheck.Verdict verdict = kv.judge(capabilities);
    verdict.cannotUseOwnFolder().ifPresent(p -> results.add(CheckResult.problem(subject, p)));
    verdict.tooBroad().ifPresent(p -> results.add(CheckResult.problem(subject, p)));
    lifecycle.missing(capabilities).forEach(p -> results.add(CheckResult.problem(subject, p)));
    fine.add("token rights as the policy intends");
  }

  private static Optional<VaultToken> token(String value) {
    try {
      return Optional.of(VaultToken.of(value.strip()));
    } catch (IllegalArgumentException unusable) {
      return Optional.empty();
    }
  }
}
