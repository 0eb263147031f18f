package io.mcpctl.cli.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.api.v1alpha1.SecretBackendSpec;
import io.mcpctl.api.v1alpha1.SecretKeyRef;
import io.mcpctl.cli.CliHarness;
import io.mcpctl.cli.LeakCheck;
import io.mcpctl.cli.backend.BackendNames;
import io.mcpctl.cli.backend.BackendObjects;
import io.mcpctl.openbao.KvSecret;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.sandbox.openbao.Fault;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.RequestRecord;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.secrets.BackendFailureException;
import io.mcpctl.secrets.BackendResolutionException;
import io.mcpctl.secrets.KvEntryFormat;
import io.mcpctl.secrets.McpSecret;
import io.mcpctl.secrets.Revision;
import io.mcpctl.secrets.SecretConflictException;
import io.mcpctl.secrets.SecretStore;
import io.mcpctl.secrets.SecretUnusableException;
import io.mcpctl.secrets.StoredSecret;
import io.mcpctl.tokensecret.TokenSecretBinding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The two stores and the resolver against the embedded API and the OpenBao stand-in. */
class SecretStoresIT extends SecretsIntegrationBase {

  private static final byte[] BINARY = {0x00, (byte) 0xff, (byte) 0xfe, 'x', (byte) 0x80};

  @Nested
  class KubernetesStore {

    @Test
    void aSecretIsAnOpaqueSecretNamedAfterItAndLabelledWithItsBackend() {
      SecretStore store = fixture.stores().named("default");

      Revision written =
          store.create(secret("github", Map.of("token", utf8("t0k"), "blob", BINARY)));

      Secret stored =
          kube.client().secrets().inNamespace(fixture.namespace).withName("github").get();
      assertThat(stored.getType()).isEqualTo("Opaque");
      assertThat(stored.getMetadata().getLabels())
          .containsExactlyEntriesOf(Map.of(SecretBackend.BACKEND_LABEL, "default"));
      assertThat(Base64.getDecoder().decode(stored.getData().get("blob"))).isEqualTo(BINARY);
      assertThat(store.read("github"))
          .contains(
              new StoredSecret(
                  secret("github", Map.of("token", utf8("t0k"), "blob", BINARY)), written));
    }

    @Test
    void aSecretWithoutTheLabelIsNeverReadWrittenOrDeleted() {
      Secret foreign =
          kube.client()
              .secrets()
              .inNamespace(fixture.namespace)
              .resource(
                  new SecretBuilder()
                      .withNewMetadata()
                      .withName("github")
                      .endMetadata()
                      .addToStringData("token", "not-ours")
                      .build())
              .create();
      SecretStore store = fixture.stores().named("default");

      assertThat(store.names()).isEmpty();
      assertThatThrownBy(() -> store.read("github"))
          .isInstanceOf(SecretUnusableException.class)
          .hasMessage(
              "The Secret github in namespace "
                  + fixture.namespace
                  + " is not an MCP secret (it has no label mcpctl.io/backend); choose another"
                  + " name or remove that Secret.");
      assertThatThrownBy(() -> store.create(secret("github", Map.of("token", utf8("mine")))))
          .isInstanceOf(SecretUnusableException.class);
      Revision guessed = new Revision(foreign.getMetadata().getResourceVersion());
      assertThatThrownBy(() -> store.delete("github", guessed))
          .isInstanceOf(SecretUnusableException.class);
      assertThatThrownBy(() -> store.update(secret("github", Map.of("token", utf8("x"))), guessed))
          .isInstanceOf(SecretUnusableException.class);
      Secret after =
          kube.client().secrets().inNamespace(fixture.namespace).withName("github").get();
      assertThat(after.getMetadata().getResourceVersion())
          .as("the foreign Secret is untouched")
          .isEqualTo(foreign.getMetadata().getResourceVersion());
    }

    @Test
    void aSecretOfAnotherKubernetesBackendIsNamedAsSuch() {
      fixture.labelledSecret("plain", "github", Map.of("token", "x"));

      assertThatThrownBy(() -> fixture.stores().named("default").read("github"))
          .isInstanceOf(SecretUnusableException.class)
          .hasMessageEndingWith(
              " belongs to backend plain, not default; choose another name or pass --backend"
                  + " plain.");
    }

    @Test
    void writesAndDeletesAreCheckAndSetOnTheResourceVersion() {
      SecretStore store = fixture.stores().named("default");
      Revision first = store.create(secret("github", Map.of("token", utf8("one"))));
      Revision second = store.update(secret("github", Map.of("token", utf8("two"))), first);

      assertThatThrownBy(() -> store.create(secret("github", Map.of("token", utf8("x")))))
          .isInstanceOf(SecretConflictException.class)
          .hasMessageContaining("already exists on backend default");
      assertThatThrownBy(() -> store.update(secret("github", Map.of("token", utf8("x"))), first))
          .isInstanceOf(SecretConflictException.class);
      assertThatThrownBy(() -> store.delete("github", first))
          .isInstanceOf(SecretConflictException.class);
      assertThat(store.read("github").orElseThrow().secret())
          .isEqualTo(secret("github", Map.of("token", utf8("two"))));

      assertThat(store.delete("github", second)).isTrue();
      assertThat(store.read("github")).isEmpty();
      assertThat(store.delete("github", second)).as("already gone").isFalse();
    }

    @Test
    void anUpdateKeepsWhatOthersPutOnTheSecretAndDropsRemovedKeys() {
      SecretStore store = fixture.stores().named("default");
      store.create(secret("github", Map.of("token", utf8("one"), "old", utf8("x"))));
      kube.client()
          .secrets()
          .inNamespace(fixture.namespace)
          .withName("github")
          .edit(
              s ->
                  new SecretBuilder(s)
                      .editMetadata()
                      .addToAnnotations("owner", "team-a")
                      .addToLabels("app", "github")
                      .endMetadata()
                      .build());
      Revision current = store.read("github").orElseThrow().revision();

      store.update(secret("github", Map.of("token", utf8("two"))), current);

      Secret stored =
          kube.client().secrets().inNamespace(fixture.namespace).withName("github").get();
      assertThat(stored.getMetadata().getAnnotations()).containsEntry("owner", "team-a");
      assertThat(stored.getMetadata().getLabels())
          .containsEntry("app", "github")
          .containsEntry(SecretBackend.BACKEND_LABEL, "default");
      assertThat(stored.getData()).containsOnlyKeys("token");
    }

    @Test
    void labelSelectorsNarrowTheListingWithinTheBackend() {
      kube.client()
          .secrets()
          .inNamespace(fixture.namespace)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("a")
                  .addToLabels(SecretBackend.BACKEND_LABEL, "default")
                  .addToLabels("team", "x")
                  .endMetadata()
                  .build())
          .create();
      fixture.labelledSecret("default", "b", Map.of("k", "v"));
      fixture.labelledSecret("plain", "c", Map.of("k", "v"));
      SecretStore store = fixture.stores().named("default");

      assertThat(store.names()).containsExactly("a", "b");
      assertThat(store.namesMatching("team=x")).containsExactly("a");
      assertThat(store.namesMatching("team!=x")).containsExactly("b");
    }
  }

  @Nested
  class OpenBaoStore {

    @Test
    void aSecretIsTheKvEntryUnderPrefixNamespaceAndNameWithBinaryValuesInBase64() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore store = fixture.stores().named("bao");

      Revision written =
          store.create(secret("github", Map.of("token", utf8("t0k"), "blob", BINARY)));

      KvSecret raw = fixture.root().kv("secret").get("mcpctl/" + fixture.namespace + "/github");
      assertThat(raw.data())
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "token",
                  "t0k",
                  "blob",
                  Base64.getEncoder().encodeToString(BINARY),
                  KvEntryFormat.BASE64_KEYS,
                  "blob"));
      assertThat(written).isEqualTo(new Revision("1"));
      assertThat(store.read("github").orElseThrow().secret())
          .isEqualTo(secret("github", Map.of("token", utf8("t0k"), "blob", BINARY)));
      assertThat(store.names()).containsExactly("github");
      assertThat(store.location())
          .isEqualTo(
              "OpenBao " + bao.address() + " at secret/data/mcpctl/" + fixture.namespace + "/");
    }

    @Test
    void writesAreCheckAndSetAndDeleteRemovesEveryVersion() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore store = fixture.stores().named("bao");
      Revision first = store.create(secret("github", Map.of("token", utf8("one"))));
      Revision second = store.update(secret("github", Map.of("token", utf8("two"))), first);

      assertThatThrownBy(() -> store.create(secret("github", Map.of("token", utf8("x")))))
          .isInstanceOf(SecretConflictException.class);
      assertThatThrownBy(() -> store.update(secret("github", Map.of("token", utf8("x"))), first))
          .isInstanceOf(SecretConflictException.class)
          .hasMessageContaining("changed since it was read (version 1)");
      assertThatThrownBy(() -> store.delete("github", first))
          .isInstanceOf(SecretConflictException.class);
      assertThat(second).isEqualTo(new Revision("2"));

      assertThat(store.delete("github", second)).isTrue();

      assertThat(
              fixture.root().kv("secret").readMetadata("mcpctl/" + fixture.namespace + "/github"))
          .as("every version and the metadata are gone")
          .isEmpty();
      assertThat(store.names()).isEmpty();
      assertThat(store.delete("github", second)).isFalse();
    }

    @Test
    void aWriteThatLandsWhileADeleteIsUnderWayIsRefusedNotDeletedWithTheKey() throws Exception {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore deleting = fixture.stores().named("bao");
      SecretStore writing = fixture.stores().named("bao");
      Revision read = deleting.create(secret("github", Map.of("token", utf8("one"))));
      bao.faults()
          .add(
              Fault.on("DELETE", "secret/metadata/mcpctl/.*")
                  .delay(Duration.ofMillis(1500))
                  .times(1)
                  .build());

      CompletableFuture<Boolean> delete =
          CompletableFuture.supplyAsync(() -> deleting.delete("github", read));
      Thread.sleep(400);
      boolean written;
      try {
        writing.update(secret("github", Map.of("token", utf8("newer"))), read);
        written = true;
      } catch (SecretConflictException refused) {
        written = false;
      }
      boolean deleted;
      try {
        deleted = delete.get(10, TimeUnit.SECONDS);
      } catch (ExecutionException refused) {
        // The claim came after the update (a slow machine): the delete is the one refused.
        assertThat(refused.getCause()).isInstanceOf(SecretConflictException.class);
        deleted = false;
      }

      assertThat(written && deleted)
          .as(
              "an update that read the version being deleted is refused or stops the delete;"
                  + " never reported written and then deleted with the key")
          .isFalse();
      assertThat(written || deleted).as("one of the two went through").isTrue();
    }

    @Test
    void aDeleteThatFailsAfterClaimingTheKeyLeavesTheValueAsItWas() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore store = fixture.stores().named("bao");
      Revision read = store.create(secret("github", Map.of("token", utf8("one"))));
      bao.faults()
          .add(Fault.on("DELETE", "secret/metadata/mcpctl/.*").respond(500).times(1).build());

      assertThatThrownBy(() -> store.delete("github", read))
          .isInstanceOf(BackendFailureException.class);

      assertThat(store.read("github").orElseThrow().secret())
          .isEqualTo(secret("github", Map.of("token", utf8("one"))));
    }

    @Test
    void creatingOverASoftDeletedEntryIsACreate() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore store = fixture.stores().named("bao");
      String path = "mcpctl/" + fixture.namespace + "/github";
      fixture.root().kv("secret").put(path, Map.of("token", "old"));
      fixture.root().kv("secret").softDelete(path);

      assertThat(store.read("github")).isEmpty();
      Revision created = store.create(secret("github", Map.of("token", utf8("new"))));

      assertThat(created).isEqualTo(new Revision("2"));
      assertThat(store.read("github").orElseThrow().secret())
          .isEqualTo(secret("github", Map.of("token", utf8("new"))));
    }

    @Test
    void anEntryThatIsNotAnMcpSecretIsReportedByPathWithoutItsValues() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      fixture
          .root()
          .kv("secret")
          .put("mcpctl/" + fixture.namespace + "/odd", Map.of("bad key", "hidden-value"));

      assertThatThrownBy(() -> fixture.stores().named("bao").read("odd"))
          .isInstanceOf(SecretUnusableException.class)
          .hasMessageStartingWith(
              "The OpenBao entry secret/data/mcpctl/"
                  + fixture.namespace
                  + "/odd is not a valid MCP secret (")
          .hasMessageNotContaining("hidden-value");
    }

    @Test
    void aTokenRotatedMeanwhileIsPickedUpFromItsSecret() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore store = fixture.stores().named("bao");
      store.create(secret("github", Map.of("token", utf8("one"))));
      VaultToken old = tokenInSecret("bao-token");
      VaultToken successor =
          fixture.narrowToken(
              NarrowAccess.forBackend(fixture.namespace, "bao", "secret", "mcpctl"));
      replaceToken("bao-token", successor);
      fixture.root().withToken(old).revokeSelf();

      assertThat(store.read("github")).isPresent();
      assertThat(store.names()).containsExactly("github");
    }

    @Test
    void aRejectedTokenThatWasNotRotatedIsOneSentenceWithTheNextStep() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore store = fixture.stores().named("bao");
      fixture.root().withToken(tokenInSecret("bao-token")).revokeSelf();

      assertThatThrownBy(store::names)
          .isInstanceOf(BackendFailureException.class)
          .hasMessage(
              "OpenBao rejected the token of SecretBackend bao: it is expired or revoked; check"
                  + " 'kubectl mcpctl describe secretbackend bao -n "
                  + fixture.namespace
                  + "' and re-run the wizard if the operator cannot renew it.");
    }

    @Test
    void aSealedOpenBaoIsABackendFailureThatSaysUnseal() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore store = fixture.stores().named("bao");
      bao.seal();

      assertThatThrownBy(() -> store.read("github"))
          .isInstanceOf(BackendFailureException.class)
          .hasMessageStartingWith("SecretBackend bao: OpenBao is sealed")
          .hasMessageEndingWith("unseal it, then retry.");
    }

    @Test
    void anUnreachableOpenBaoIsABackendFailureThatNamesTheAddress() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretStore store = fixture.stores().named("bao");
      bao.close();

      assertThatThrownBy(store::names)
          .isInstanceOf(BackendFailureException.class)
          .hasMessageStartingWith("SecretBackend bao: Cannot reach OpenBao at " + bao.address())
          .hasMessageEndingWith("check the address and that OpenBao is running.");
    }

    @Test
    void overHttpsTheCaOfTheBackendsCaSecretIsTrustedAndNothingElse() {
      try (OpenBaoStandIn https = OpenBaoStandIn.start(StandInOptions.defaults().tls(true))) {
        SecretsFixture tls = new SecretsFixture(kube, https);
        BackendNames names = new BackendNames("bao");
        NarrowAccess access = NarrowAccess.forBackend(tls.namespace, "bao", "secret", "mcpctl");
        tls.root().writePolicy(access.policyName(), NarrowPolicy.hcl(access));
        kube.client()
            .secrets()
            .inNamespace(tls.namespace)
            .resource(
                BackendObjects.tokenSecret(
                    tls.namespace,
                    names,
                    TokenSecretBinding.Binding.fixed(
                        "bao",
                        https.address().toString(),
                        TokenSecretBinding.tls(false, https.caCertificatePem())),
                    tls.narrowToken(access),
                    Optional.empty()))
            .create();
        kube.client()
            .secrets()
            .inNamespace(tls.namespace)
            .resource(
                BackendObjects.caSecret(
                    tls.namespace, names, https.caCertificatePem().orElseThrow()))
            .create();
        tls.backend(
            "bao",
            BackendObjects.openBaoSpec(
                names,
                new BackendObjects.OpenBaoTarget(
                    https.address().toString(), "secret", "mcpctl", true, false),
                Optional.empty(),
                false));
        tls.backend(
            "untrusted",
            BackendObjects.openBaoSpec(
                new BackendNames("untrusted"),
                new BackendObjects.OpenBaoTarget(
                    https.address().toString(), "secret", "mcpctl", false, false),
                Optional.empty(),
                false));
        kube.client()
            .secrets()
            .inNamespace(tls.namespace)
            .resource(
                BackendObjects.tokenSecret(
                    tls.namespace,
                    new BackendNames("untrusted"),
                    TokenSecretBinding.Binding.fixed(
                        "untrusted", https.address().toString(), TokenSecretBinding.TLS_SYSTEM),
                    tls.narrowToken(access),
                    Optional.empty()))
            .create();

        SecretStore trusted = tls.stores().named("bao");
        trusted.create(new McpSecret(tls.namespace, "github", Map.of("token", utf8("over-tls"))));

        assertThat(trusted.names()).containsExactly("github");
        assertThatThrownBy(() -> tls.stores().named("untrusted").names())
            .isInstanceOf(BackendFailureException.class)
            .hasMessageStartingWith(
                "SecretBackend untrusted: The TLS handshake with OpenBao at " + https.address());
      }
    }

    @Test
    void theOpenBaoNamespaceOfTheSpecIsSentWithEveryCall() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      SecretBackend backend =
          kube.client()
              .resources(SecretBackend.class)
              .inNamespace(fixture.namespace)
              .withName("bao")
              .get();
      backend.getSpec().getOpenbao().setNamespace("team-ns");
      kube.client().resource(backend).update();
      bao.requestLog().clear();

      assertThatThrownBy(() -> fixture.stores().named("bao").names())
          .isInstanceOf(BackendFailureException.class)
          .hasMessageContaining("has no namespace team-ns");
      assertThat(bao.requestLog().entries())
          .extracting(RequestRecord::namespace)
          .containsOnly(Optional.of("team-ns"));
    }
  }

  @Nested
  class BoundTokenSecrets {

    @Test
    void anApplicationsSecretNamedAsTokenSecretIsRefusedAndItsValueSentNowhere() {
      String password = "db-password-that-must-stay-home";
      kube.client()
          .secrets()
          .inNamespace(fixture.namespace)
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("app-db")
                  .endMetadata()
                  .addToStringData("token", password)
                  .build())
          .create();
      fixture.backend("bao", specUsing("app-db", bao.address().toString()));
      bao.requestLog().clear();

      CliHarness.Result got = fixture.run("get", "secret", "github", "--backend", "bao");

      String refusal =
          TokenSecretBinding.problem("Opaque", null, fixture.namespace, "app-db", usedAs("bao"))
              .orElseThrow();
      assertThatThrownBy(() -> fixture.stores().named("bao"))
          .isInstanceOf(BackendResolutionException.class)
          .hasMessage(refusal);
      assertThat(got.exitCode()).isEqualTo(1);
      assertThat(got.stderr()).isEqualTo("error: " + refusal + "\n");
      assertThat(bao.requestLog().entries())
          .as("no request, so none carried the Secret's value")
          .isEmpty();
      LeakCheck.of(password).assertNotIn(got);
    }

    /** How the plugin uses backend {@code name}'s token: at the stand-in, over plain http. */
    private TokenSecretBinding.Binding usedAs(String name) {
      return TokenSecretBinding.Binding.fixed(
          name, bao.address().toString(), TokenSecretBinding.TLS_SYSTEM);
    }

    @Test
    void aTokenSecretBoundToAnotherBackendIsRefused() {
      VaultToken token = fixture.openBaoBackend("other", "secret", "mcpctl", false);
      fixture.backend("bao", specUsing("other-token", bao.address().toString()));
      bao.requestLog().clear();

      assertThatThrownBy(() -> fixture.stores().named("bao"))
          .isInstanceOf(BackendResolutionException.class)
          .hasMessage(
              TokenSecretBinding.problem(
                      TokenSecretBinding.TYPE,
                      usedAs("other").annotations(),
                      fixture.namespace,
                      "other-token",
                      usedAs("bao"))
                  .orElseThrow())
          .hasMessageContaining("is bound to SecretBackend other, so bao may not use it")
          .hasMessageNotContaining(token.reveal());
      assertThat(bao.requestLog().entries()).isEmpty();
    }

    @Test
    void aBackendEditedToPointAtAnotherAddressNeverGetsTheTokenSentThere() {
      // The Secret holds a token for the real OpenBao; the stand-in plays the listener an edit of
      // spec.openbao.address points at.
      String realOpenBao = "https://bao.example.com:8200";
      VaultToken token = fixture.openBaoBackend("bao", "secret", "mcpctl", true);
      kube.client()
          .secrets()
          .inNamespace(fixture.namespace)
          .withName("bao-token")
          .edit(
              secret ->
                  new SecretBuilder(secret)
                      .editMetadata()
                      .addToAnnotations(TokenSecretBinding.ADDRESS_ANNOTATION, realOpenBao)
                      .endMetadata()
                      .build());
      bao.requestLog().clear();

      CliHarness.Result listed = fixture.run("list", "secrets");

      assertThat(listed.exitCode()).isEqualTo(1);
      assertThat(listed.stderr())
          .isEqualTo(
              "error: Secret "
                  + fixture.namespace
                  + "/bao-token holds a token for OpenBao at "
                  + realOpenBao
                  + ", not at "
                  + bao.address()
                  + ", so the token is not sent there; if OpenBao really moved, set the Secret's"
                  + " annotation mcpctl.io/openbao-address="
                  + bao.address()
                  + " (or re-run the wizard).\n");
      assertThat(bao.requestLog().entries())
          .as("the listener at the edited address never saw a request, so never the token")
          .isEmpty();
      LeakCheck.of(token.reveal()).assertNotIn(listed);
    }

    @Test
    void anEmptyTokenKeyIsToldApartFromAMissingOne() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", false);
      setTokenSecretData(Map.of("token", "", "accessor", "YWNj"));

      assertThatThrownBy(() -> fixture.stores().named("bao"))
          .isInstanceOf(BackendResolutionException.class)
          .hasMessage(
              "The key token of Secret bao-token in namespace "
                  + fixture.namespace
                  + " is empty, so SecretBackend bao has no token; re-run 'kubectl mcpctl create"
                  + " secretbackend bao --type openbao --wizard -n "
                  + fixture.namespace
                  + "' to store a fresh one.");

      setTokenSecretData(Map.of("accessor", "YWNj"));

      assertThatThrownBy(() -> fixture.stores().named("bao"))
          .isInstanceOf(BackendResolutionException.class)
          .hasMessage(
              "The token Secret bao-token of SecretBackend bao has no key token in namespace "
                  + fixture.namespace
                  + "; re-run 'kubectl mcpctl create secretbackend bao --type openbao --wizard'"
                  + " to store it.");
    }

    private SecretBackendSpec specUsing(String tokenSecret, String address) {
      SecretBackendSpec spec =
          BackendObjects.openBaoSpec(
              new BackendNames("bao"),
              new BackendObjects.OpenBaoTarget(address, "secret", "mcpctl", false, false),
              Optional.empty(),
              false);
      spec.getOpenbao().getAuth().setTokenSecretRef(new SecretKeyRef(tokenSecret, "token"));
      return spec;
    }

    private void setTokenSecretData(Map<String, String> data) {
      kube.client()
          .secrets()
          .inNamespace(fixture.namespace)
          .withName("bao-token")
          .edit(secret -> new SecretBuilder(secret).withData(data).build());
    }
  }

  @Nested
  class Resolver {

    @Test
    void withoutADefaultSecretBackendTheDefaultIsTheBuiltInKubernetesStore() {
      SecretStore store = fixture.stores().resolve(Optional.empty());

      assertThat(store.backendName()).isEqualTo("default");
      assertThat(store.type()).isEqualTo(BackendType.KUBERNETES);
    }

    @Test
    void theSecretBackendMarkedDefaultIsTheDefault() {
      fixture.openBaoBackend("bao", "secret", "mcpctl", true);
      fixture.backend("plain", BackendObjects.kubernetesSpec(false));

      assertThat(fixture.stores().resolve(Optional.empty()).backendName()).isEqualTo("bao");
      assertThat(fixture.stores().resolve(Optional.of("plain")).type())
          .isEqualTo(BackendType.KUBERNETES);
      assertThat(fixture.stores().resolve(Optional.of("default")).backendName())
          .isEqualTo("default");
    }

    @Test
    void twoDefaultsAreRefusedWithTheirNames() {
      fixture.backend("one", BackendObjects.kubernetesSpec(true));
      fixture.backend("two", BackendObjects.kubernetesSpec(true));

      assertThatThrownBy(() -> fixture.stores().defaultStore())
          .isInstanceOf(BackendResolutionException.class)
          .hasMessage(
              "Namespace "
                  + fixture.namespace
                  + " has 2 default SecretBackends (one, two); set spec.default: false on all but"
                  + " one, or pass --backend.");
    }

    @Test
    void anOpenBaoBackendNamedDefaultNeverHidesTheBuiltInStore() {
      fixture.openBaoBackend("default", "secret", "mcpctl", false);

      for (Supplier<SecretStore> resolve :
          List.<Supplier<SecretStore>>of(
              () -> fixture.stores().named("default"),
              () -> fixture.stores().resolve(Optional.of("default")))) {
        assertThatThrownBy(resolve::get)
            .isInstanceOf(BackendResolutionException.class)
            .hasMessage(
                "SecretBackend default in namespace "
                    + fixture.namespace
                    + " is an OpenBao backend named like the built-in kubernetes store; create it"
                    + " again under another name (the plugin refuses this one) and delete this"
                    + " one.");
      }
    }

    @Test
    void anUnknownBackendSaysHowToListThem() {
      assertThatThrownBy(() -> fixture.stores().named("nope"))
          .isInstanceOf(BackendResolutionException.class)
          .hasMessage(
              "SecretBackend nope not found in namespace "
                  + fixture.namespace
                  + "; list them with 'kubectl get secretbackends -n "
                  + fixture.namespace
                  + "', or use 'default' for the built-in kubernetes store.");
    }

    @Test
    void aMissingTokenSecretSaysWhichAndHowToRestoreIt() {
      SecretBackendSpec spec =
          BackendObjects.openBaoSpec(
              new BackendNames("bao"),
              new BackendObjects.OpenBaoTarget(
                  bao.address().toString(), "secret", "mcpctl", false, false),
              Optional.empty(),
              false);
      fixture.backend("bao", spec);

      assertThatThrownBy(() -> fixture.stores().named("bao"))
          .isInstanceOf(BackendResolutionException.class)
          .hasMessage(
              "The token Secret bao-token of SecretBackend bao is missing in namespace "
                  + fixture.namespace
                  + "; re-run 'kubectl mcpctl create secretbackend bao --type openbao --wizard'"
                  + " to store it.");
    }
  }

  private VaultToken tokenInSecret(String name) {
    Secret secret = kube.client().secrets().inNamespace(fixture.namespace).withName(name).get();
    return VaultToken.of(BackendObjects.decoded(secret, "token").orElseThrow());
  }

  private void replaceToken(String name, VaultToken token) {
    kube.client()
        .secrets()
        .inNamespace(fixture.namespace)
        .withName(name)
        .edit(
            s ->
                new SecretBuilder(s)
                    .addToData(
                        "token",
                        Base64.getEncoder()
                            .encodeToString(token.reveal().getBytes(StandardCharsets.UTF_8)))
                    .build());
  }

  private McpSecret secret(String name, Map<String, byte[]> data) {
    return new McpSecret(fixture.namespace, name, data);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
