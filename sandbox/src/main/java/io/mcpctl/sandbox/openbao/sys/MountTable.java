package io.mcpctl.sandbox.openbao.sys;

import io.mcpctl.sandbox.openbao.kv.KvV1Backend;
import io.mcpctl.sandbox.openbao.kv.KvV2Backend;
import io.mcpctl.sandbox.openbao.logical.ApiError;
import io.mcpctl.sandbox.openbao.logical.Backend;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The secrets mount table: {@code sys/}, {@code cubbyhole/}, {@code identity/} and user mounts. */
public final class MountTable {
  private static final Set<String> BUILT_IN = Set.of("sys/", "cubbyhole/", "identity/");

  /** Engine types OpenBao ships that the stand-in can list but does not serve. */
  private static final Set<String> INERT_TYPES =
      Set.of(
          "pki",
          "transit",
          "ssh",
          "totp",
          "database",
          "kubernetes",
          "rabbitmq",
          "ldap",
          "consul",
          "nomad");

  private final LinkedHashMap<String, MountEntry> mounts = new LinkedHashMap<>();

  /** The system mount is listed here but routed by the pipeline itself, like OpenBao's router. */
  public MountTable() {
    mounts.put(
        "sys/",
        new MountEntry(
            "sys/",
            "system",
            "system endpoints used for control, policy and debugging",
            null,
            false,
            true,
            new InertBackend()));
    mounts.put(
        "cubbyhole/",
        new MountEntry(
            "cubbyhole/",
            "cubbyhole",
            "per-token private secret storage",
            null,
            true,
            false,
            new InertBackend()));
    mounts.put(
        "identity/",
        new MountEntry(
            "identity/", "identity", "identity store", null, false, false, new InertBackend()));
  }

  /** The mount that contains the path: the longest mount path that is a prefix of it. */
  public Optional<MountEntry> find(String path) {
    String withSlash = path.endsWith("/") ? path : path + "/";
    MountEntry best = null;
    for (MountEntry entry : mounts.values()) {
      if ((path.startsWith(entry.path) || withSlash.equals(entry.path))
          && (best == null || entry.path.length() > best.path.length())) {
        best = entry;
      }
    }
    return Optional.ofNullable(best);
  }

  public List<MountEntry> all() {
    return new ArrayList<>(mounts.values());
  }

  /**
   * Enables an engine, refusing a path used by, inside or around an existing mount.
   *
   * @param enabledAt when, which a new KV v2 mount's standbys wait out before serving it
   */
  public void enable(
      String rawPath,
      String requestedType,
      String description,
      Map<String, String> requestedOptions,
      boolean local,
      boolean sealWrap,
      long defaultLeaseTtl,
      long maxLeaseTtl,
      Instant enabledAt) {
    String path = normalize(rawPath);
    if (path.startsWith("auth/")) {
      throw ApiError.badRequest("cannot mount under auth/; enable auth methods through sys/auth");
    }
    String type = requestedType;
    Map<String, String> options =
        requestedOptions == null ? null : new LinkedHashMap<>(requestedOptions);
    if (type.equals("kv-v1") || type.equals("kv-v2")) {
      options = options == null ? new LinkedHashMap<>() : options;
      options.put("version", type.substring("kv-v".length()));
      type = "kv";
    }
    if (!type.equals("kv") && options != null && options.containsKey("version")) {
      throw ApiError.badRequest("secrets engine \"" + type + "\" does not allow setting a version");
    }
    Backend backend;
    if (type.equals("kv")) {
      String version = options == null ? "" : options.getOrDefault("version", "");
      backend =
          switch (version) {
            case "", "1" -> new KvV1Backend();
            case "2" -> new KvV2Backend(enabledAt);
            default -> throw ApiError.badRequest("invalid version provided: " + version);
          };
    } else if (INERT_TYPES.contains(type)) {
      backend = new InertBackend();
    } else {
      throw ApiError.badRequest("plugin not found in the catalog: " + type);
    }
    for (MountEntry existing : mounts.values()) {
      if (existing.path.startsWith(path) || path.startsWith(existing.path)) {
        // vault/mount.go raises a coded 409, but handleMount hands it back beside an error
        // response, and RespondErrorCommon answers any error response with 400 and its text.
        throw ApiError.badRequest("path is already in use at " + existing.path);
      }
    }
    MountEntry entry = new MountEntry(path, type, description, options, local, sealWrap, backend);
    entry.defaultLeaseTtlSeconds = defaultLeaseTtl;
    entry.maxLeaseTtlSeconds = maxLeaseTtl;
    entry.enabledAt = enabledAt;
    mounts.put(path, entry);
  }

  public void disable(String rawPath) {
    String path = normalize(rawPath);
    if (BUILT_IN.contains(path)) {
      throw ApiError.badRequest("cannot unmount \"" + path + "\"");
    }
    mounts.remove(path);
  }

  static String normalize(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.endsWith("/") ? trimmed : trimmed + "/";
  }
}
