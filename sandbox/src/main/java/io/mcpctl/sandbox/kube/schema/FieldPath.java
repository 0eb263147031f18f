package io.mcpctl.sandbox.kube.schema;

/** Builds field paths the way the API server prints them: {@code spec.items[0].labels[key]}. */
final class FieldPath {

  private FieldPath() {}

  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  static String key(String parent, String key) {
    return parent + "[" + key + "]";
  }

  /** The field as it reads in a schema message; the root object is called "body" there. */
  static String inBody(String path) {
    return (path.isEmpty() ? "body" : path) + " in body";
  }
}
