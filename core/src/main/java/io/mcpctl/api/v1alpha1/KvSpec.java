package io.mcpctl.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.Objects;

@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public class KvSpec {

  public static final String DEFAULT_MOUNT = "secret";
  public static final String DEFAULT_PATH_PREFIX = "mcpctl";

  /**
   * A mount or a path prefix: slash-separated segments without whitespace or the characters OpenBao
   * policies treat specially. The operator and the wizard also refuse an empty, '.' or '..'
   * segment, which an RE2 pattern cannot say without look-aheads.
   */
  public static final String FOLDER_PATTERN = "^[^/\\s*+\"]+(/[^/\\s*+\"]+)*$";

  @Default(DEFAULT_MOUNT)
  @Pattern(FOLDER_PATTERN)
  @Size(max = FieldLimits.MOUNT)
  @JsonPropertyDescription("Path of the KV v2 secrets engine mount, without slashes.")
  private String mount = DEFAULT_MOUNT;

  @Default(DEFAULT_PATH_PREFIX)
  @Pattern(FOLDER_PATTERN)
  @Size(max = FieldLimits.PATH_PREFIX)
  @JsonPropertyDescription(
      "Prefix under the mount; a secret lives at <mount>/data/<pathPrefix>/<namespace>/<name>.")
  private String pathPrefix = DEFAULT_PATH_PREFIX;

  public String getMount() {
    return mount;
  }

  public void setMount(String mount) {
    this.mount = mount;
  }

  public String getPathPrefix() {
    return pathPrefix;
  }

  public void setPathPrefix(String pathPrefix) {
    this.pathPrefix = pathPrefix;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KvSpec that
        && Objects.equals(mount, that.mount)
        && Objects.equals(pathPrefix, that.pathPrefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(mount, pathPrefix);
  }
}
