package io.mcpctl.sandbox.openbao.acl;

import java.util.List;

/** A parsed ACL policy: its name, the text it was written with, and its rules. */
public record Policy(String name, String raw, List<PathRule> rules) {}
