package io.mcpctl.secrets;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.mcpctl.api.v1alpha1.BackendType;
import io.mcpctl.openbao.BadRequestException;
import io.mcpctl.openbao.KvSecret;
import io.mcpctl.openbao.KvV2;
import io.mcpctl.openbao.KvVersionMetadata;
import io.mcpctl.openbao.OpenBaoClient;
import io.mcpctl.openbao.OpenBaoException;
import io.mcpctl.openbao.OpenBaoPaths;
import io.mcpctl.openbao.TokenRejectedException;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.text.Sentences;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * MCP secrets kept in an OpenBao KV v2 mount: each one is the entry {@code
 * <mount>/data/<prefix>/<namespace>/<name>}, values encoded as {@link KvEntryFormat} says.
 * Revisions are KV versions: create is {@code cas=0}, update is {@code cas=<version read>}, and
 * delete removes every version and the metadata once the current version is still the one read.
 *
 * <p>Calls per operation: {@link #names()} one LIST; {@link #read} one GET; {@link #create} and
 * {@link #update} one POST (plus one GET when a create meets a deleted entry); {@link #delete} a
 * GET of the version read, a POST that writes it back with check-and-set (which claims the key) and
 * the DELETE (plus a metadata GET when that version is gone).
 *
 * <p>The token is the backend's own, read from its token Secret. When OpenBao rejects it, the
 * Secret is read again and the call is sent once more if the operator has rotated the token in the
 * meantime; a rejected call changed nothing, so resending it is safe.
 */
public final class OpenBaoSecretStore implements SecretStore {

  /** How much of a foreign entry's key list a refusal quotes. */
  private static final int KEYS_SHOWN_LENGTH = 200;

  private final String backendName;
  private final String namespace;
  private final OpenBaoClient connection;
  private final String mount;
  private final String folder;
  private final Supplier<VaultToken> tokenSource;
  private VaultToken token;

  /**
   * @param connection a client without a token, for the backend's address, namespace and TLS
   * @param tokenSource reads the backend's current token (from its token Secret)
   */
  public OpenBaoSecretStore(
      String backendName,
      String namespace,
      OpenBaoClient connection,
      String mount,
      String pathPrefix,
      Supplier<VaultToken> tokenSource) {
    this.backendName = backendName;
    this.namespace = SecretNames.requireNamespace(namespace);
    this.connection = connection;
    this.mount = OpenBaoPaths.requireMount(mount);
    this.folder = OpenBaoPaths.namespaceFolder(pathPrefix, namespace);
    this.tokenSource = tokenSource;
    this.token = tokenSource.get();
  }

  @Override
  public String backendName() {
    return backendName;
  }

  @Override
  public BackendType type() {
    return BackendType.OPENBAO;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public String location() {
    return "OpenBao "
        + connection.connection().address()
        + connection.connection().namespace().map(ns -> " (namespace " + ns + ")").orElse("")
        + " at "
        + mount
        + "/data/"
        + folder
        + "/";
  }

  @Override
  public List<String> names() {
    return call(kv -> kv.list(folder)).stream()
        .filter(key -> !key.endsWith("/") && !key.equals(KvV2.HEALTH_CHECK_KEY))
        .sorted()
        .toList();
  }

  @Override
  public boolean supportsLabelSelectors() {
    return false;
  }

  @Override
  public List<String> namesMatching(String labelSelector) {
    throw new UnsupportedOperationException(
        "Backend "
            + backendName
            + " keeps secrets in OpenBao, which has no labels; drop the label selector.");
  }

  @Override
  public Optional<StoredSecret> read(String name) {
    if (!SecretNames.isValidName(name)) {
      throw new SecretUnusableException(
          "The OpenBao entry "
              + mount
              + "/data/"
              + folder
              + "/"
              + name.replaceAll("\\p{Cntrl}", "?")
              + " does not have a valid MCP secret name; copy it to a lower-case name such as"
              + " my-secret with 'bao kv', or remove it.",
          null);
    }
    KvSecret entry = call(kv -> kv.get(path(name)));
    if (!entry.isPresent()) {
      return Optional.empty();
    }
    if (!entry.nonStringKeys().isEmpty()) {
      // Their text is not what was written (0.10 reads as 0.1, null as "null"): a copy would
      // differ from the entry, and migrate would then delete the entry.
      throw new SecretUnusableException(
          "The OpenBao entry "
              + mount
              + "/data/"
              + path(name)
              + " holds values that are not strings under "
              + Sentences.oneLine(
                  String.join(", ", new TreeSet<>(entry.nonStringKeys())), KEYS_SHOWN_LENGTH)
              + " (numbers, booleans, null, lists or objects); an MCP secret's values are"
              + " strings, so the entry is left as it is: rewrite those values as strings.",
          null);
    }
    KvVersionMetadata written = entry.metadata().orElseThrow();
    return Optional.of(
        new StoredSecret(
            decode(name, entry.data()),
            revision(written.version()),
            // Not the path: one entry has several (a mount seen from a parent OpenBao namespace),
            // and OpenBao's creation times are precise to the nanosecond.
            Optional.ofNullable(written.createdTime())
                .map(created -> "v" + written.version() + " " + created)));
  }

  @Override
  public Revision create(McpSecret secret) {
    Map<String, String> entry = encode(secret);
    try {
      return revision(call(kv -> kv.put(path(secret.name()), entry, 0)).version());
    } catch (CasMismatch exists) {
      // A deleted entry keeps its metadata, so cas=0 fails although nothing is readable; writing
      // over the deleted version is still a create.
      KvSecret current = call(kv -> kv.get(path(secret.name())));
      if (current.isPresent() || current.metadata().isEmpty()) {
        throw new SecretConflictException(
            "The MCP secret "
                + secret.name()
                + " already exists on backend "
                + backendName
                + " in namespace "
                + namespace
                + "; delete it first or choose another name.");
      }
      long deletedVersion = current.metadata().get().version();
      try {
        return revision(call(kv -> kv.put(path(secret.name()), entry, deletedVersion)).version());
      } catch (CasMismatch raced) {
        throw changedSince(secret.name(), revision(deletedVersion));
      }
    }
  }

  @Override
  public Revision update(McpSecret secret, Revision expected) {
    long version = versionOf(expected);
    try {
      return revision(call(kv -> kv.put(path(secret.name()), encode(secret), version)).version());
    } catch (CasMismatch changed) {
      throw changedSince(secret.name(), expected);
    }
  }

  @Override
  public boolean delete(String name, Revision expected) {
    long version = versionOf(expected);
    KvSecret read = call(kv -> kv.get(path(name), version));
    if (read.state() == KvSecret.State.NEVER_EXISTED) {
      // The key is gone, or that version was pruned under newer ones.
      if (call(kv -> kv.readMetadata(path(name))).isEmpty()) {
        return false;
      }
      throw changedSince(name, expected);
    }
    // DELETE metadata/ takes no check-and-set: a write landing before it would go with the key. So
    // the key is claimed first by writing the version read back with check-and-set, which is
    // refused if anything was written since, and which leaves the value as it was should the
    // DELETE then fail; a writer that read the same version is refused from then on.
    Map<String, String> same = read.isPresent() ? read.data() : Map.of();
    try {
      call(kv -> kv.put(path(name), same, version));
    } catch (CasMismatch changed) {
      throw changedSince(name, expected);
    }
    call(
        kv -> {
          kv.deleteMetadata(path(name));
          return null;
        });
    return true;
  }

  @Override
  public String toString() {
    return "OpenBaoSecretStore[" + backendName + ", " + location() + "]";
  }

  private String path(String name) {
    return folder + "/" + SecretNames.requireName(name);
  }

  private Map<String, String> encode(McpSecret secret) {
    return KvEntryFormat.encode(secret.requireNamespace(namespace));
  }

  private McpSecret decode(String name, Map<String, String> entry) {
    try {
      return KvEntryFormat.decode(namespace, name, entry);
    } catch (IllegalArgumentException notOurs) {
      throw new SecretUnusableException(
          "The OpenBao entry "
              + mount
              + "/data/"
              + path(name)
              + " is not a valid MCP secret ("
              + Sentences.withoutFinalPeriod(notOurs.getMessage())
              + "); rewrite it with 'kubectl mcpctl create secret' or remove it.",
          notOurs);
    }
  }

  private Revision revision(long version) {
    return new Revision(Long.toString(version));
  }

  private long versionOf(Revision revision) {
    try {
      return Long.parseLong(revision.value());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Revision "
              + revision
              + " is not an OpenBao KV version; read the secret from this store.",
          e);
    }
  }

  /**
   * One KV call with the current token; resent once with a rotated token. Every OpenBao failure
   * becomes a {@link BackendFailureException}, except a check-and-set mismatch ({@link
   * CasMismatch}), which the caller turns into its conflict.
   */
  private synchronized <T> T call(Function<KvV2, T> operation) {
    try {
      try {
        return operation.apply(connection.withToken(token).kv(mount));
      } catch (TokenRejectedException rejected) {
        VaultToken reread = reread(rejected);
        if (reread.equals(token)) {
          throw rejected;
        }
        token = reread;
        return operation.apply(connection.withToken(token).kv(mount));
      }
    } catch (BadRequestException e) {
      if (e.mentions("check-and-set")) {
        throw new CasMismatch(e);
      }
      throw failure(e);
    } catch (OpenBaoException e) {
      throw failure(e);
    }
  }

  /** The token as its Secret holds it now, perhaps rotated since it was read. */
  private VaultToken reread(TokenRejectedException rejected) {
    try {
      return tokenSource.get();
    } catch (KubernetesClientException unreadable) {
      throw new BackendFailureException(
          "OpenBao rejected the token of SecretBackend "
              + backendName
              + ", and its token Secret could not be read again to pick up a rotated one (HTTP "
              + unreadable.getCode()
              + "); check the cluster and your access, then run the command again.",
          rejected);
    }
  }

  private BackendFailureException failure(OpenBaoException e) {
    if (e instanceof TokenRejectedException) {
      return new BackendFailureException(
          "OpenBao rejected the token of SecretBackend "
              + backendName
              + ": it is expired or revoked; check 'kubectl mcpctl describe secretbackend "
              + backendName
              + " -n "
              + namespace
              + "' and re-run the wizard if the operator cannot renew it.",
          e);
    }
    return new BackendFailureException(
        "SecretBackend " + backendName + ": " + Sentences.withoutFinalPeriod(e.getMessage()) + ".",
        e);
  }

  private SecretConflictException changedSince(String name, Revision expected) {
    return new SecretConflictException(
        "The MCP secret "
            + name
            + " on backend "
            + backendName
            + " changed since it was read (version "
            + expected
            + "); read it again and retry.");
  }

  /** OpenBao's check-and-set refusal, carried from {@link #call} to the operation that knows. */
  private static final class CasMismatch extends RuntimeException {
    CasMismatch(BadRequestException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }
}
