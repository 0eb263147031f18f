package io.mcpctl.sandbox.openbao.conformance;

import io.mcpctl.openbao.OpenBaoConnection;
import io.mcpctl.openbao.VaultToken;
import io.mcpctl.sandbox.openbao.MutableClock;
import io.mcpctl.sandbox.openbao.OpenBaoStandIn;
import io.mcpctl.sandbox.openbao.StandInOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Chooses the OpenBao under test: a real server when {@code BAO_ADDR} and {@code BAO_TOKEN} are set
 * ({@code BAO_CACERT} names a PEM CA bundle, {@code BAO_SKIP_VERIFY=true} skips verification),
 * otherwise a fresh stand-in over HTTPS for every test. Tests marked {@link StandInOnly} are
 * skipped against a real server.
 *
 * <p>Against a real server {@code BAO_TOKEN} must be a root token: the suite enables mounts and
 * writes policies and roles. Every name it creates starts with {@code conf-} plus a random suffix,
 * and everything is removed after each test. The TTL assertions assume the default token TTLs
 * (768h), as {@code bao server -dev} has them.
 */
public final class BaoTargetExtension
    implements ParameterResolver, AfterEachCallback, ExecutionCondition {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(BaoTargetExtension.class);
  static final Instant STAND_IN_START = Instant.parse("2026-03-01T10:00:00Z");

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<StandInOnly> marker =
        context
            .getElement()
            .flatMap(element -> AnnotationSupport.findAnnotation(element, StandInOnly.class));
    if (marker.isPresent() && realServer().isPresent()) {
      return ConditionEvaluationResult.disabled("needs the stand-in: " + marker.get().value());
    }
    return ConditionEvaluationResult.enabled(
        "runs against " + (realServer().isPresent() ? "BAO_ADDR" : "the stand-in"));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == BaoTarget.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("target", key -> createTarget(), BaoTarget.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    BaoTarget target = context.getStore(NAMESPACE).remove("target", BaoTarget.class);
    if (target != null) {
      target.cleanUp();
    }
  }

  private record RealServer(String address, String token) {}

  private static Optional<RealServer> realServer() {
    String address = System.getenv("BAO_ADDR");
    String token = System.getenv("BAO_TOKEN");
    if (address == null || address.isBlank() || token == null || token.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new RealServer(address, token));
  }

  private static BaoTarget createTarget() {
    Optional<RealServer> real = realServer();
    if (real.isPresent()) {
      OpenBaoConnection.Builder connection = OpenBaoConnection.builder(real.get().address());
      SSLContext tls = null;
      String caFile = System.getenv("BAO_CACERT");
      if (caFile != null && !caFile.isBlank()) {
        String pem = read(Path.of(caFile));
        connection.caBundlePem(pem);
        tls = trusting(pem);
      } else if ("true".equalsIgnoreCase(System.getenv("BAO_SKIP_VERIFY"))) {
        connection.insecureSkipVerify(true);
        tls = trustingAnything();
      }
      return new BaoTarget(connection.build(), VaultToken.of(real.get().token()), null, null, tls);
    }
    MutableClock clock = new MutableClock(STAND_IN_START);
    OpenBaoStandIn standIn = OpenBaoStandIn.start(StandInOptions.defaults().clock(clock).tls(true));
    String pem = standIn.caCertificatePem().orElseThrow();
    OpenBaoConnection connection =
        OpenBaoConnection.builder(standIn.address().toString()).caBundlePem(pem).build();
    return new BaoTarget(connection, standIn.rootToken(), standIn, clock, trusting(pem));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("BAO_CACERT names " + file + ", which cannot be read.", e);
    }
  }

  private static SSLContext trusting(String pem) {
    try {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      int index = 0;
      for (Certificate certificate :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        trust.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("The CA bundle cannot be loaded.", e);
    }
  }

  private static SSLContext trustingAnything() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          null,
          new TrustManager[] {
            new X509TrustManager() {
              @Override
              public void checkClientTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public void checkServerTrusted(X509Certificate[] chain, String authType) {}

              @Override
              public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
              }
            }
          },
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("No TLS context is available.", e);
    }
  }
}
