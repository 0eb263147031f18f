package io.mcpctl.sandbox.openbao.logical;

/** OpenBao's logical operations; each maps to the ACL capability of the same name. */
public enum Operation {
  READ,
  LIST,
  CREATE,
  UPDATE,
  DELETE,
  PATCH
}
