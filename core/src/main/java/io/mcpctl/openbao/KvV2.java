package io.mcpctl.openbao;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A KV v2 engine at one mount, seen through one client (and so one token). Paths are relative to
 * the mount, e.g. {@code mcpctl/team-a/github}; each segment is URL-encoded on the wire. Obtain it
 * with {@link OpenBaoClient#kv(String)}.
 */
public final class KvV2 {

  /**
   * The key, in a namespace's folder, that {@link #healthCheckRoundTrip(String)} writes. Its
   * leading dot keeps it apart from MCP secrets, whose names never start with one.
   */
  public static final String HEALTH_CHECK_KEY = ".mcpctl-healthcheck";

  private final OpenBaoClient client;
  private final String mount;
  private final StandbyCatchUp catchUp;

  KvV2(OpenBaoClient client, String mount) {
    this(client, mount, StandbyCatchUp.REAL);
  }

  KvV2(OpenBaoClient client, String mount, StandbyCatchUp catchUp) {
    this.client = client;
    this.mount = mount;
    this.catchUp = catchUp;
  }

  public String mount() {
    return mount;
  }

  /**
   * The secret path of the health-check key in {@code folder}, a namespace's folder ({@link
   * OpenBaoPaths#namespaceFolder}), which is all the narrow policy grants.
   */
  public static String healthCheckPath(String folder) {
    return OpenBaoPaths.requireSecretPath(folder) + "/" + HEALTH_CHECK_KEY;
  }

  /**
   * Writes a new version ({@code POST <mount>/data/<path>}); needs {@code create} for a new key and
   * {@code update} for an existing one (soft-deleted included). Never retried.
   */
  public KvVersionMetadata put(String path, Map<String, String> data) {
    return write(path, data, null);
  }

  /**
   * Writes a new version only if the key's current version is {@code checkAndSet} (0: only if the
   * key does not exist).
   *
   * @throws BadRequestException {@code check-and-set parameter did not match the current version}
   */
  public KvVersionMetadata put(String path, Map<String, String> data, long checkAndSet) {
    if (checkAndSet < 0) {
      throw new IllegalArgumentException(
          "The check-and-set version must be 0 (create only) or the current version.");
    }
    return write(path, data, checkAndSet);
  }

  /**
   * Reads the latest version ({@code GET <mount>/data/<path>}) and tells a present secret from a
   * soft-deleted, destroyed or never-written one.
   */
  public KvSecret get(String path) {
    return read(dataPath(path));
  }

  /**
   * Reads one version ({@code GET <mount>/data/<path>?version=N}); a version that was never written
   * reads as {@link KvSecret.State#NEVER_EXISTED}.
   */
  public KvSecret get(String path, long version) {
    if (version < 1) {
      throw new IllegalArgumentException("KV v2 versions start at 1.");
    }
    return read(dataPath(path) + "?version=" + version);
  }

  private KvSecret read(String apiPath) {
    Transport.Response answer = send(OpenBaoOperation.KV_READ, "GET", apiPath, null, true);
    if (answer.status() == 404) {
      return notFound(answer);
    }
    JsonNode data = client.data(answer);
    KvVersionMetadata metadata =
        client.convert(data.path("metadata"), KvVersionMetadata.class, answer);
    Map<String, String> values = new LinkedHashMap<>();
    Set<String> nonStringKeys = new TreeSet<>();
    data.path("data")
        .fields()
        .forEachRemaining(
            e -> {
              values.put(e.getKey(), Json.valueText(e.getValue()));
              if (!e.getValue().isTextual()) {
                nonStringKeys.add(e.getKey());
              }
            });
    return new KvSecret(KvSecret.State.PRESENT, values, Optional.of(metadata), nonStringKeys);
  }

  /** Soft-deletes the latest version ({@code DELETE <mount>/data/<path>}); 204 even if absent. */
  public void softDelete(String path) {
    client.expectSuccess(send(OpenBaoOperation.KV_DELETE, "DELETE", dataPath(path), null, false));
  }

  /**
   * Permanently deletes every version and the metadata ({@code DELETE <mount>/metadata/<path>});
   * the key disappears from listings. 204 even if absent.
   */
  public void deleteMetadata(String path) {
    client.expectSuccess(
        send(OpenBaoOperation.KV_METADATA_DELETE, "DELETE", metadataPath(path), null, false));
  }

  /** {@code GET <mount>/metadata/<path>}; empty when the key has no metadata. */
  public Optional<KvMetadata> readMetadata(String path) {
    Transport.Response answer =
        send(OpenBaoOperation.KV_METADATA_READ, "GET", metadataPath(path), null, true);
    if (OpenBaoClient.isPlainNotFound(answer)) {
      return Optional.empty();
    }
    return Optional.of(client.convert(client.data(answer), KvMetadata.class, answer));
  }

  /**
   * {@code LIST <mount>/metadata/<folder>/}: the keys directly under {@code folder} (sub-folders
   * end in {@code /}), soft-deleted keys included.
   *
   * @param folder a path under the mount (a trailing slash, as listings return, is fine), or {@code
   *     ""} for the mount's root
   * @return empty when there is nothing under the folder
   */
  public List<String> list(String folder) {
    String withoutSlash = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
    String apiPath =
        withoutSlash.isEmpty() ? mountPath() + "/metadata/" : metadataPath(withoutSlash) + "/";
    Transport.Response answer = send(OpenBaoOperation.KV_LIST, "LIST", apiPath, null, true);
    if (OpenBaoClient.isPlainNotFound(answer)) {
      return List.of();
    }
    List<String> keys = new ArrayList<>();
    client.data(answer).path("keys").forEach(k -> keys.add(k.asText()));
    return List.copyOf(keys);
  }

  /**
   * Writes a fresh random value to {@code <folder>/.mcpctl-healthcheck} and reads back the version
   * it wrote: the end-to-end proof that this token can use its namespace's folder. Reading that
   * version, not the latest, keeps two backends that share a folder from failing each other's
   * check.
   *
   * @return the version written
   * @throws UnexpectedResponseException when the value read back differs from the one written
   */
  public KvVersionMetadata healthCheckRoundTrip(String folder) {
    String path = healthCheckPath(folder);
    Map<String, String> probe = Map.of("probe", UUID.randomUUID().toString());
    KvVersionMetadata written = put(path, probe);
    KvSecret readBack = readYourWrite(path, written.version());
    if (!readBack.isPresent() || !readBack.data().equals(probe)) {
      throw new UnexpectedResponseException(
          "OpenBao returned something other than what was just written to "
              + mount
              + "/data/"
              + path
              + " (version "
              + written.version()
              + " read back: "
              + readBack.state()
              + "); the KV round trip failed.",
          "GET " + dataPath(path),
          200,
          null);
    }
    return written;
  }

  /**
   * Reads back the version just written, which a standby serving the read may not have received
   * yet: it then reads as never written, and is read again ({@link StandbyCatchUp}); a version
   * still missing after that is the answer.
   */
  private KvSecret readYourWrite(String path, long version) {
    return catchUp.untilSeen(
        () -> get(path, version), readBack -> readBack.state() == KvSecret.State.NEVER_EXISTED);
  }

  /**
   * Sends a KV request, again while the mount is not served yet where it arrived (just enabled: a
   * standby has no route to it, then it is still upgrading), which means nothing was read or
   * written.
   */
  private Transport.Response send(
      OpenBaoOperation operation, String method, String path, Object body, boolean retryOnReset) {
    return catchUp.untilSeen(
        () -> client.send(operation, method, path, body, retryOnReset),
        StandbyCatchUp::kvNotServedYet);
  }

  @Override
  public String toString() {
    return "KvV2[mount=" + mount + "]";
  }

  private KvVersionMetadata write(String path, Map<String, String> data, Long checkAndSet) {
    Objects.requireNonNull(data, "data");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", data);
    if (checkAndSet != null) {
      body.put("options", Map.of("cas", checkAndSet));
    }
    Transport.Response answer =
        send(OpenBaoOperation.KV_WRITE, "POST", dataPath(path), body, false);
    return client.convert(client.data(answer), KvVersionMetadata.class, answer);
  }

  /**
   * A 404 is either OpenBao's plain "nothing here" or an envelope describing a deleted or destroyed
   * version; anything else (e.g. the invalid-path warning of a non-v2 mount) is an error.
   */
  private KvSecret notFound(Transport.Response answer) {
    if (OpenBaoClient.isPlainNotFound(answer)) {
      return new KvSecret(KvSecret.State.NEVER_EXISTED, Map.of(), Optional.empty());
    }
    JsonNode body;
    try {
      body = Json.MAPPER.readTree(answer.body());
    } catch (java.io.IOException e) {
      throw client.failure(answer);
    }
    if (body == null || body.has("errors")) {
      throw client.failure(answer);
    }
    JsonNode metadataNode = body.path("data").path("metadata");
    if (!metadataNode.isObject()) {
      List<String> warnings = OpenBaoClient.warnings(body);
      throw new NotFoundException(
          "OpenBao found nothing at "
              + answer.request()
              + (warnings.isEmpty() ? "" : " (" + String.join("; ", warnings) + ")")
              + "; check that "
              + mount
              + " is a KV v2 mount.",
          answer.request(),
          warnings);
    }
    KvVersionMetadata metadata = client.convert(metadataNode, KvVersionMetadata.class, answer);
    KvSecret.State state =
        metadata.destroyed() ? KvSecret.State.DESTROYED : KvSecret.State.SOFT_DELETED;
    return new KvSecret(state, Map.of(), Optional.of(metadata));
  }

  private String mountPath() {
    return OpenBaoPaths.encodePath(mount);
  }

  private String dataPath(String path) {
    return mountPath() + "/data/" + OpenBaoPaths.encodePath(OpenBaoPaths.requireSecretPath(path));
  }

  private String metadataPath(String path) {
    return mountPath()
        + "/metadata/"
        + OpenBaoPaths.encodePath(OpenBaoPaths.requireSecretPath(path));
  }
}
