package io.mcpctl.openbao;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to ask {@code auth/token/create*} for. Against a role ({@link #forRole(String)}) the role
 * decides orphan, renewable and period; without a role the token is a child of the caller unless
 * {@link Builder#orphanEndpoint()} is chosen. Every field is optional.
 */
public final class TokenCreateRequest {

  private final String role;
  private final boolean orphanEndpoint;
  private final Map<String, Object> body;

  private TokenCreateRequest(Builder builder) {
    this.role = builder.role;
    this.orphanEndpoint = builder.orphanEndpoint;
    this.body = Map.copyOf(builder.body);
  }

  /** A plain request against {@code auth/token/create/<role>}. */
  public static TokenCreateRequest forRole(String roleName) {
    return builder().role(roleName).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The role minted against, if any. */
  public Optional<String> role() {
    return Optional.ofNullable(role);
  }

  /** True for {@code auth/token/create-orphan}. */
  public boolean orphanEndpoint() {
    return orphanEndpoint;
  }

  Map<String, Object> body() {
    return body;
  }

  @Override
  public String toString() {
    return "TokenCreateRequest[role="
        + role
        + ", orphanEndpoint="
        + orphanEndpoint
        + ", fields="
        + body.keySet()
        + "]";
  }

  /** Builds a {@link TokenCreateRequest}. */
  public static final class Builder {
    private String role;
    private boolean orphanEndpoint;
    private final Map<String, Object> body = new LinkedHashMap<>();

    private Builder() {}

    /** Mint against this token role ({@code auth/token/create/<role>}). */
    public Builder role(String roleName) {
      OpenBaoPaths.requireName(roleName, "token role");
      this.role = roleName;
      return this;
    }

    /** Use {@code auth/token/create-orphan} (needs only {@code update}, no sudo). */
    public Builder orphanEndpoint() {
      this.orphanEndpoint = true;
      return this;
    }

    public Builder policies(List<String> policies) {
      body.put("policies", List.copyOf(policies));
      return this;
    }

    public Builder meta(Map<String, String> meta) {
      body.put("meta", Map.copyOf(meta));
      return this;
    }

    /** {@code no_parent}; needs sudo and only works without a role. */
    public Builder noParent(boolean noParent) {
      body.put("no_parent", noParent);
      return this;
    }

    public Builder noDefaultPolicy(boolean noDefaultPolicy) {
      body.put("no_default_policy", noDefaultPolicy);
      return this;
    }

    public Builder renewable(boolean renewable) {
      body.put("renewable", renewable);
      return this;
    }

    public Builder ttl(Duration ttl) {
      body.put("ttl", seconds(ttl));
      return this;
    }

    public Builder explicitMaxTtl(Duration explicitMaxTtl) {
      body.put("explicit_max_ttl", seconds(explicitMaxTtl));
      return this;
    }

    /** {@code period} in the request; needs sudo (a role's period does not). */
    public Builder period(Duration period) {
      body.put("period", seconds(period));
      return this;
    }

    public Builder displayName(String displayName) {
      body.put("display_name", displayName);
      return this;
    }

    public Builder numUses(int numUses) {
      body.put("num_uses", numUses);
      return this;
    }

    /** {@code service} or {@code batch}. */
    public Builder type(String type) {
      body.put("type", type);
      return this;
    }

    /**
     * @throws IllegalArgumentException when both a role and the orphan endpoint are chosen
     */
    public TokenCreateRequest build() {
      if (role != null && orphanEndpoint) {
        throw new IllegalArgumentException(
            "A token request names role '"
                + role
                + "' and the create-orphan endpoint; choose one (set orphan=true on the role).");
      }
      return new TokenCreateRequest(this);
    }

    private static String seconds(Duration duration) {
      if (duration.isNegative()) {
        throw new IllegalArgumentException("Token durations must not be negative.");
      }
      return duration.toSeconds() + "s";
    }
  }
}
