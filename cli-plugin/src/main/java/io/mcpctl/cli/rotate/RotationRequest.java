package io.mcpctl.cli.rotate;

import io.mcpctl.api.v1alpha1.SecretBackend;

/** A rotate annotation value set on a backend, to be matched by handledRotateRequest. */
record RotationRequest(SecretBackend backend, String value) {}
