package io.mcpctl.operator.rotation;

import java.util.Optional;

/** Reads and writes token Secrets; every write is optimistic on the version read. */
public interface TokenSecretStore {

  Optional<TokenSecret> read(String namespace, String name);

  /**
   * Replaces the Secret if nobody changed it since {@code secret} was read.
   *
   * @return the Secret as written, with its new resource version
   * @throws SecretAccessException on a conflict or any other refusal
   */
  TokenSecret update(TokenSecret secret);

  /**
   * Deletes the Secret if nobody changed it since {@code secret} was read: a token written into it
   * meanwhile must not vanish with it, unrevoked.
   *
   * @throws SecretAccessException on a conflict (the Secret changed or went) or any other refusal
   */
  void delete(TokenSecret secret);
}
