package io.mcpctl.e2e.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The output of `helm template`: its documents as text and as typed Kubernetes objects. */
final class RenderedChart {

  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private final String crdManifest;
  private final String manifest;
  private final List<Document> documents;

  private RenderedChart(String crdManifest, String manifest, List<Document> documents) {
    this.crdManifest = crdManifest;
    this.manifest = manifest;
    this.documents = documents;
  }

  record Document(String text, HasMetadata object) {}

  /**
   * @param crdManifest the chart's CRDs, which Helm applies before anything else
   * @param manifest what `helm template` rendered from the templates
   */
  static RenderedChart parse(String crdManifest, String manifest) {
    List<Document> documents = new ArrayList<>();
    for (String text : DOCUMENT_SEPARATOR.split(crdManifest + "\n---\n" + manifest)) {
      if (hasContent(text)) {
        documents.add(new Document(text, SERIALIZATION.unmarshal(text)));
      }
    }
    return new RenderedChart(crdManifest, manifest, documents);
  }

  private static boolean hasContent(String text) {
    return text.lines()
        .map(String::strip)
        .anyMatch(line -> !line.isEmpty() && !line.startsWith("#"));
  }

  /** The chart's CRDs as Helm reads them from crds/. */
  String crdManifest() {
    return crdManifest;
  }

  /** The templates' output, without the CRDs. */
  String manifest() {
    return manifest;
  }

  List<HasMetadata> objects() {
    return documents.stream().map(Document::object).toList();
  }

  Set<String> kinds() {
    Set<String> kinds = new TreeSet<>();
    documents.forEach(document -> kinds.add(document.object().getKind()));
    return kinds;
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return documents.stream()
        .map(Document::object)
        .filter(type::isInstance)
        .map(type::cast)
        .toList();
  }

  /** The only object of that type; fails when there are none or several. */
  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one " + type.getSimpleName() + " but found " + found.size());
    }
    return found.get(0);
  }

  <T extends HasMetadata> T named(Class<T> type, String namespace, String name) {
    return all(type).stream()
        .filter(object -> Objects.equals(object.getMetadata().getNamespace(), namespace))
        .filter(object -> object.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no " + type.getSimpleName() + " " + namespace + "/" + name + " rendered"));
  }

  /** Kinds fabric8 has no class for (ServiceMonitor, PrometheusRule) as generic objects. */
  List<GenericKubernetesResource> generic(String kind) {
    return all(GenericKubernetesResource.class).stream()
        .filter(object -> object.getKind().equals(kind))
        .toList();
  }

  /** The rendered text of an object, with the comments the template wrote around it. */
  String textOf(HasMetadata object) {
    return documents.stream()
        .filter(document -> document.object() == object)
        .map(Document::text)
        .findFirst()
        .orElseThrow();
  }
}
