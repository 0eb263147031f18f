package io.mcpctl.openbao;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpctl.time.Rfc3339;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The DTOs read OpenBao's JSON as the reference shows it, ignoring fields they do not know. */
class ResponseParsingTest {

  @Test
  void readsALookupOfARoleTokenWhosePeriodIsNotShown() throws Exception {
    String data =
        "{\"accessor\":\"8609694a-cdbc-db9b-d345-e782dbb562ed\",\"creation_time\":1755500000,"
            + "\"creation_ttl\":2592000,\"display_name\":\"token\",\"entity_id\":\"\","
            + "\"expire_time\":\"2025-09-17T09:33:20.123456789+02:00\",\"explicit_max_ttl\":0,"
            + "\"id\":\"s.SecretTokenValueNotKept1\",\"issue_time\":\"2025-08-18T07:33:20Z\","
            + "\"meta\":null,\"num_uses\":0,\"orphan\":true,"
            + "\"path\":\"auth/token/create/mcpctl-bao-rotator\",\"policies\":[\"default\",\"mcpctl-bao\"],"
            + "\"renewable\":true,\"role\":\"mcpctl-bao-rotator\",\"ttl\":2591990,\"type\":\"service\","
            + "\"some_future_field\":{\"x\":1}}";

    TokenInfo info = Json.MAPPER.readValue(data, TokenInfo.class);

    assertThat(info.accessor()).isEqualTo("8609694a-cdbc-db9b-d345-e782dbb562ed");
    assertThat(info.policies()).containsExactly("default", "mcpctl-bao");
    assertThat(info.ttl()).isEqualTo(Duration.ofSeconds(2591990));
    assertThat(info.creationTtl()).isEqualTo(Duration.ofHours(720));
    assertThat(info.expireTime()).isEqualTo(Instant.parse("2025-09-17T07:33:20.123456789Z"));
    assertThat(info.period()).isEmpty();
    assertThat(info.role()).contains("mcpctl-bao-rotator");
    assertThat(info.creationTime()).isEqualTo(Instant.ofEpochSecond(1755500000));
    assertThat(info.orphan()).isTrue();
    assertThat(info.renewable()).isTrue();
    assertThat(info.explicitMaxTtl()).isZero();
    assertThat(info.lastRenewalTime()).isEmpty();
    assertThat(info.meta()).isEmpty();
    assertThat(info.toString()).doesNotContain("s.SecretTokenValueNotKept1");
  }

  @Test
  void readsARootTokenThatNeverExpires() throws Exception {
    String data =
        "{\"accessor\":\"abc\",\"creation_time\":1,\"creation_ttl\":0,\"expire_time\":null,"
            + "\"explicit_max_ttl\":0,\"id\":\"s.root\",\"meta\":null,\"num_uses\":0,\"orphan\":true,"
            + "\"path\":\"auth/token/root\",\"policies\":[\"root\"],\"ttl\":0,\"type\":\"service\"}";

    TokenInfo info = Json.MAPPER.readValue(data, TokenInfo.class);

    assertThat(info.expireTime()).isNull();
    assertThat(info.nonExpiring()).isTrue();
    assertThat(info.renewable()).isFalse();
    assertThat(info.role()).isEmpty();
  }

  @Test
  void readsAnExplicitPeriodAndTheLastRenewal() throws Exception {
    String data =
        "{\"accessor\":\"abc\",\"creation_time\":1,\"creation_ttl\":3600,"
            + "\"expire_time\":\"2025-08-18T08:33:20Z\",\"explicit_max_ttl\":7200,\"period\":3600,"
            + "\"last_renewal_time\":1755503600,\"meta\":{\"owner\":\"ops\"},\"policies\":[],"
            + "\"ttl\":3600,\"type\":\"service\",\"orphan\":false,\"renewable\":true}";

    TokenInfo info = Json.MAPPER.readValue(data, TokenInfo.class);

    assertThat(info.period()).contains(Duration.ofHours(1));
    assertThat(info.explicitMaxTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(info.lastRenewalTime()).contains(Instant.ofEpochSecond(1755503600));
    assertThat(info.meta()).containsEntry("owner", "ops");
  }

  /**
   * A server a namespace chose may answer any figure: read as is, adding it to a time overflows, or
   * gives a status timestamp past the year 9999 that the API server refuses.
   */
  @Test
  void holdsAServersOutlandishTimesToWhatOpenBaoCanMean() throws Exception {
    String data =
        "{\"accessor\":\"abc\",\"creation_time\":9223372036854775807,"
            + "\"creation_ttl\":9223372036854775807,\"expire_time\":\"+275760-09-13T00:00:00Z\","
            + "\"explicit_max_ttl\":-5,\"period\":9223372036854775807,"
            + "\"last_renewal_time\":9223372036854775807,\"policies\":[],"
            + "\"ttl\":9223372036854775807,\"type\":\"service\"}";
    String auth =
        "{\"client_token\":\"s.NewTokenValue000000000001\",\"accessor\":\"acc1\","
            + "\"lease_duration\":9223372036854775807,\"renewable\":true}";

    TokenInfo info = Json.MAPPER.readValue(data, TokenInfo.class);
    IssuedToken issued = Json.MAPPER.readValue(auth, IssuedToken.class);

    Instant now = Instant.parse("2026-12-06T12:00:00Z");
    for (Duration duration :
        List.of(
            info.ttl(), info.creationTtl(), info.period().orElseThrow(), issued.leaseDuration())) {
      assertThat(duration).isEqualTo(Duration.ofDays(36_500));
      assertThat(Rfc3339.format(now.plus(duration))).startsWith("2126-");
    }
    assertThat(info.explicitMaxTtl()).isZero();
    assertThat(Rfc3339.format(info.expireTime())).isEqualTo("9999-12-31T23:59:59Z");
    assertThat(Rfc3339.format(info.creationTime())).isEqualTo("9999-12-31T23:59:59Z");
    assertThat(info.lastRenewalTime()).contains(Instant.parse("9999-12-31T23:59:59Z"));
  }

  @Test
  void readsTheAuthBlockOfACreateAnswer() throws Exception {
    String auth =
        "{\"client_token\":\"s.NewTokenValue000000000001\",\"accessor\":\"acc1\","
            + "\"policies\":[\"default\",\"mcpctl-bao\"],\"token_policies\":[\"default\",\"mcpctl-bao\"],"
            + "\"metadata\":null,\"lease_duration\":2592000,\"renewable\":true,\"entity_id\":\"\","
            + "\"token_type\":\"service\",\"orphan\":true,\"mfa_requirement\":null,\"num_uses\":0}";

    IssuedToken issued = Json.MAPPER.readValue(auth, IssuedToken.class);

    assertThat(issued.clientToken().reveal()).isEqualTo("s.NewTokenValue000000000001");
    assertThat(issued.accessor()).isEqualTo("acc1");
    assertThat(issued.leaseDuration()).isEqualTo(Duration.ofHours(720));
    assertThat(issued.renewable()).isTrue();
    assertThat(issued.orphan()).isTrue();
    assertThat(issued.tokenType()).isEqualTo("service");
    assertThat(issued.toString()).doesNotContain("s.NewTokenValue000000000001");
  }

  @Test
  void readsARoleWithItsTokenPeriod() throws Exception {
    String data =
        "{\"name\":\"mcpctl-bao-rotator\",\"allowed_policies\":[\"mcpctl-bao\"],"
            + "\"disallowed_policies\":[],\"allowed_policies_glob\":[],\"disallowed_policies_glob\":[],"
            + "\"orphan\":true,\"renewable\":true,\"path_suffix\":\"\",\"period\":0,"
            + "\"token_period\":2592000,\"explicit_max_ttl\":0,\"token_explicit_max_ttl\":0,"
            + "\"token_type\":\"service\",\"token_no_default_policy\":false,"
            + "\"allowed_entity_aliases\":null}";

    TokenRole role = Json.MAPPER.readValue(data, TokenRole.class);

    assertThat(role.name()).isEqualTo("mcpctl-bao-rotator");
    assertThat(role.allowedPolicies()).containsExactly("mcpctl-bao");
    assertThat(role.tokenPeriod()).isEqualTo(Duration.ofHours(720));
    assertThat(role.tokenExplicitMaxTtl()).isZero();
    assertThat(role.tokenType()).isEqualTo("service");
  }

  @Test
  void readsTheDeprecatedPeriodAliasesWhenTheNewFieldsAreZero() throws Exception {
    String data =
        "{\"name\":\"old\",\"allowed_policies\":null,\"orphan\":false,\"period\":3600,"
            + "\"token_period\":0,\"explicit_max_ttl\":7200,\"token_explicit_max_ttl\":0}";

    TokenRole role = Json.MAPPER.readValue(data, TokenRole.class);

    assertThat(role.tokenPeriod()).isEqualTo(Duration.ofHours(1));
    assertThat(role.tokenExplicitMaxTtl()).isEqualTo(Duration.ofHours(2));
    assertThat(role.allowedPolicies()).isEmpty();
    assertThat(role.renewable()).as("renewable defaults to true").isTrue();
    assertThat(role.tokenType()).isEqualTo("default-service");
  }

  @Test
  void writesEveryRoleSettingSoAnExistingRoleIsReplaced() {
    TokenRole role =
        new TokenRole(
            "r",
            java.util.List.of("p"),
            java.util.List.of(),
            true,
            true,
            Duration.ofHours(720),
            Duration.ZERO,
            "service",
            "",
            false,
            0);

    assertThat(role.toRequestBody())
        .containsEntry("allowed_policies", java.util.List.of("p"))
        .containsEntry("orphan", true)
        .containsEntry("renewable", true)
        .containsEntry("token_period", 2592000L)
        .containsEntry("token_explicit_max_ttl", 0L)
        .containsEntry("token_type", "service")
        .containsEntry("token_num_uses", 0);
  }

  static Stream<Arguments> mounts() {
    return Stream.of(
        Arguments.of(
            "kv with version 2 is KV v2",
            "{\"type\":\"kv\",\"options\":{\"version\":\"2\"}}",
            MountKind.KV_V2),
        Arguments.of(
            "kv with a numeric version 2 is KV v2",
            "{\"type\":\"kv\",\"options\":{\"version\":2}}",
            MountKind.KV_V2),
        Arguments.of(
            "kv with version 1 is KV v1",
            "{\"type\":\"kv\",\"options\":{\"version\":\"1\"}}",
            MountKind.KV_V1),
        Arguments.of(
            "kv with null options is KV v1", "{\"type\":\"kv\",\"options\":null}", MountKind.KV_V1),
        Arguments.of("kv without options is KV v1", "{\"type\":\"kv\"}", MountKind.KV_V1),
        Arguments.of(
            "kv with an empty version is KV v1",
            "{\"type\":\"kv\",\"options\":{\"version\":\"\"}}",
            MountKind.KV_V1),
        Arguments.of(
            "a transit mount is other", "{\"type\":\"transit\",\"options\":null}", MountKind.OTHER),
        Arguments.of("cubbyhole is other", "{\"type\":\"cubbyhole\"}", MountKind.OTHER));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mounts")
  void tellsMountKindsApart(String sentence, String json, MountKind expected) throws Exception {
    assertThat(Json.MAPPER.readValue(json, MountInfo.class).kind()).isEqualTo(expected);
  }

  @Test
  void readsThePreflightMountPath() throws Exception {
    MountInfo mount =
        Json.MAPPER.readValue(
            "{\"path\":\"secret/\",\"type\":\"kv\",\"options\":{\"version\":\"2\"},"
                + "\"config\":{\"default_lease_ttl\":0},\"accessor\":\"kv_1\",\"local\":false}",
            MountInfo.class);

    assertThat(mount.path()).contains("secret/");
    assertThat(mount.accessor()).isEqualTo("kv_1");
  }

  @Test
  void readsKvMetadataWithVersionsAndEmptyTimes() throws Exception {
    String data =
        "{\"current_version\":3,\"oldest_version\":1,\"current_metadata_version\":0,"
            + "\"created_time\":\"2025-08-18T07:33:20.1Z\",\"updated_time\":\"2025-08-19T07:33:20Z\","
            + "\"max_versions\":0,\"cas_required\":false,\"delete_version_after\":\"0s\","
            + "\"custom_metadata\":null,\"versions\":{\"1\":{\"created_time\":\"2025-08-18T07:33:20.1Z\","
            + "\"deletion_time\":\"\",\"destroyed\":false},\"3\":{\"created_time\":\"2025-08-19T07:33:20Z\","
            + "\"deletion_time\":\"2025-08-19T08:00:00Z\",\"destroyed\":false}}}";

    KvMetadata metadata = Json.MAPPER.readValue(data, KvMetadata.class);

    assertThat(metadata.currentVersion()).isEqualTo(3);
    assertThat(metadata.versions()).containsOnlyKeys(1L, 3L);
    assertThat(metadata.versions().get(1L).deletionTime()).isEmpty();
    assertThat(metadata.versions().get(3L).version()).isEqualTo(3);
    assertThat(metadata.versions().get(3L).deletionTime())
        .contains(Instant.parse("2025-08-19T08:00:00Z"));
  }

  @Test
  void readsTheSealStatus() throws Exception {
    SealStatus status =
        Json.MAPPER.readValue(
            "{\"type\":\"shamir\",\"initialized\":true,\"sealed\":true,\"t\":3,\"n\":5,"
                + "\"progress\":1,\"nonce\":\"\",\"version\":\"2.6.2\",\"migration\":false,"
                + "\"recovery_seal\":false}",
            SealStatus.class);

    assertThat(status).isEqualTo(new SealStatus("shamir", true, true, 3, 5, 1, "2.6.2"));
  }

  @Test
  void aKvSecretPrintsItsKeysButNeverItsValues() {
    KvSecret secret =
        new KvSecret(
            KvSecret.State.PRESENT,
            java.util.Map.of("password", "hunter2-very-secret"),
            java.util.Optional.empty());

    assertThat(secret.toString()).contains("password").doesNotContain("hunter2-very-secret");
  }
}
