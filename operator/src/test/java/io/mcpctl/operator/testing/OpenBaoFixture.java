package io.mcpctl.operator.testing;

import static org.awaitility.Awaitility.await;

import io.mcpctl.api.v1alpha1.SecretBackend;
import io.mcpctl.openbao.IssuedToken;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.TokenRole;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.openbao.policy.NarrowAccess;
import io.mcpctl.openbao.policy.NarrowPolicy;
import io.mcpctl.openbao.policy.RotatorRole;
import io.mcpctl.sandbox.openbao.MutableClock;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.RequestRecord;
import io.mcpctl.sandbox.openbao.StandInOptions;
import io.mcpctl.sandbox.openbao.TokenSnapshot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The OpenBao stand-in on a clock the test moves, provisioned the way the wizard does it: the
 * narrow policy, the rotation role, and a first token minted from the role.
 */
public final class OpenBaoFixture implements AutoCloseable {

  public static final String MOUNT = "secret";
  public static final String PREFIX = "mcpctl";

  private final Clock clock;
  private final OpenBaoStandIn standIn;
  private final OpenBaoClient admin;
  private final OpenBaoClient anonymous;
  private final Map<String, NarrowAccess> provisioned = new ConcurrentHashMap<>();

  /** A stand-in on a clock the test moves, starting at 2025-06-01T12:00:00Z. */
  public OpenBaoFixture() {
    this(new MutableClock(Instant.parse("2025-06-01T12:00:00Z")));
  }

  /** A stand-in on {@code clock}; the system clock when a whole operator runs against it. */
  public OpenBaoFixture(Clock clock) {
    this(StandInOptions.defaults().clock(clock), clock);
  }

  /**
   * An HA stand-in on the system clock: the active node and {@code standbys} standbys that serve
   * reads {@code lag} behind it, behind one address.
   */
  public static OpenBaoFixture withStandbys(int standbys, Duration lag) {
    Clock clock = Clock.systemUTC();
    return new OpenBaoFixture(
        StandInOptions.defaults().clock(clock).standbys(standbys, lag), clock);
  }

  private OpenBaoFixture(StandInOptions options, Clock clock) {
    this.clock = clock;
    this.standIn = OpenBaoStandIn.start(options);
    this.anonymous =
        OpenBaoClient.connect(
            OpenBaoConnection.builder(standIn.address().toString())
                .requestTimeout(Duration.ofSeconds(2))
                .mintTimeout(Duration.ofSeconds(2))
                .connectTimeout(Duration.ofSeconds(2))
                .build());
    this.admin = anonymous.withToken(standIn.rootToken());
  }

  /**
   * The narrow access {@link #provision} wrote for backend {@code name}: the per-namespace policy
   * and role, under a path prefix of its own ({@code mcpctl/<name>}) so that backends of one test
   * class never meet in KV.
   */
  public NarrowAccess access(String name) {
    NarrowAccess access = provisioned.get(name);
    if (access == null) {
      throw new IllegalStateException("Backend " + name + " was not provisioned in this fixture.");
    }
    return access;
  }

  /** Writes the policy and the safe role for backend {@code namespace/name}, and mints a token. */
  public IssuedToken provision(String namespace, String name) {
    return provision(namespace, name, role -> role);
  }

  /** Writes the policy and a role changed by {@code roleChange}, and mints the first token. */
  public IssuedToken provision(String namespace, String name, UnaryOperator<TokenRole> roleChange) {
    NarrowAccess access = NarrowAccess.forBackend(namespace, name, MOUNT, PREFIX + "/" + name);
    provisioned.put(name, access);
    admin.writePolicy(access.policyName(), NarrowPolicy.hcl(access));
    admin.writeTokenRole(RotatorRole.desired(access));
    IssuedToken first = admin.createToken(access.roleName());
    admin.writeTokenRole(roleChange.apply(RotatorRole.desired(access)));
    return first;
  }

  /**
   * As {@link #provision(String, String)}, inside the OpenBao namespace {@code openBaoNamespace}
   * (created with any missing level): the KV mount, the policy, the role and the first token all
   * live there.
   */
  public IssuedToken provisionIn(String openBaoNamespace, String namespace, String name) {
    standIn.createNamespace(openBaoNamespace);
    OpenBaoClient inNamespace =
        OpenBaoClient.connect(anonymous.connection().withNamespace(openBaoNamespace))
            .withToken(standIn.rootToken());
    inNamespace.enableKvV2(MOUNT, "MCP secrets of the namespace");
    NarrowAccess access = NarrowAccess.forBackend(namespace, name, MOUNT, PREFIX + "/" + name);
    provisioned.put(name, access);
    inNamespace.writePolicy(access.policyName(), NarrowPolicy.hcl(access));
    inNamespace.writeTokenRole(RotatorRole.desired(access));
    return inNamespace.createToken(access.roleName());
  }

  /**
   * The SecretBackend of a backend {@link #provision}ed here: rotating every {@code interval} with
   * the role and path prefix written for it, reading its token from Secret {@code <name>-token}.
   */
  public SecretBackend rotatingBackend(String namespace, String name, String interval) {
    return KubernetesFixture.rotatingBackend(
        namespace,
        name,
        address(),
        MOUNT,
        access(name).pathPrefix(),
        access(name).roleName(),
        interval);
  }

  /** A client holding the stand-in's root token, for arranging what a test needs. */
  public OpenBaoClient admin() {
    return admin;
  }

  /** The stand-in's address, as a backend's spec names it. */
  public String address() {
    return standIn.address().toString();
  }

  /**
   * A client with no token and short timeouts (the mint's too, so that a lost mint answer is quick
   * to provoke), as the operator would build it.
   */
  public OpenBaoClient client() {
    return anonymous;
  }

  /** A client with no token that gives up on an answer after {@code timeout}. */
  public OpenBaoClient client(Duration timeout) {
    return OpenBaoClient.connect(
        OpenBaoConnection.builder(standIn.address().toString())
            .requestTimeout(timeout)
            .mintTimeout(timeout)
            .connectTimeout(timeout)
            .build());
  }

  /** The clock the test moves; only for a fixture made with a {@link MutableClock}. */
  public MutableClock clock() {
    return (MutableClock) clock;
  }

  public OpenBaoStandIn standIn() {
    return standIn;
  }

  /** Whether OpenBao still accepts this token. */
  public boolean isLive(VaultToken token) {
    try {
      anonymous.withToken(token).lookupSelf();
      return true;
    } catch (io.mcpctl.openbao.TokenRejectedException revoked) {
      return false;
    }
  }

  /** Live tokens minted through the backend's role (the root token and others excluded). */
  public List<TokenSnapshot> liveTokensOf(String name) {
    String role = access(name).roleName();
    return standIn.liveTokens().stream()
        .filter(token -> token.role().filter(role::equals).isPresent())
        .toList();
  }

  /** The requests the stand-in answered since the last {@link #clearRequests()}. */
  public List<RequestRecord> requests() {
    settle();
    return standIn.requestLog().entries();
  }

  public void clearRequests() {
    settle();
    standIn.requestLog().clear();
  }

  /**
   * Waits until the request log stops growing: the stand-in records a request just after sending
   * its answer, so the last call's record may trail the answer by a moment.
   */
  private void settle() {
    AtomicInteger lastSize = new AtomicInteger(-1);
    await()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> {
              int size = standIn.requestLog().entries().size();
              return size == lastSize.getAndSet(size);
            });
  }

  /** "METHOD /v1/path" lines, for asserting the order of calls. */
  public List<String> calls() {
    return requests().stream().map(record -> record.method() + " " + record.path()).toList();
  }

  @Override
  public void close() {
    standIn.close();
  }
}
