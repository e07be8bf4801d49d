package org.opencrm.deploy;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.StreamSupport;

import org.yaml.snakeyaml.Yaml;

/** The manifests `helm template` produced, parsed, with look-ups by kind, name and component. */
record RenderedChart(List<Manifest> manifests) {

  static RenderedChart parse(String renderedYaml) {
    var manifests = StreamSupport.stream(new Yaml().loadAll(renderedYaml).spliterator(), false)
        .filter(Objects::nonNull)
        .map(RenderedChart::asMap)
        .map(Manifest::new)
        .toList();
    return new RenderedChart(manifests);
  }

  List<Manifest> ofKind(String kind) {
    return manifests.stream().filter(manifest -> manifest.kind().equals(kind)).toList();
  }

  Optional<Manifest> find(String kind, String name) {
    return ofKind(kind).stream().filter(manifest -> manifest.name().equals(name)).findFirst();
  }

  Manifest get(String kind, String name) {
    return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
  }

  /** Every manifest labelled as belonging to one service. */
  List<Manifest> ofComponent(String component) {
    return manifests.stream()
        .filter(manifest -> component.equals(manifest.at("metadata", "labels").asMap()
            .get("app.kubernetes.io/component")))
        .toList();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> asMap(Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new AssertionError("expected a mapping but got " + value);
    }
    return (Map<String, Object>) map;
  }

  /** One Kubernetes object. */
  record Manifest(Map<String, Object> body) {

    String kind() {
      return (String) body.get("kind");
    }

    String name() {
      return at("metadata", "name").asString();
    }

    Node at(String... path) {
      return new Node(body).at(path);
    }

    /** The first container of a Deployment. */
    Node container() {
      return at("spec", "template", "spec", "containers").element(0);
    }

    /** The value of a Deployment's plain environment variable. */
    String envValue(String variable) {
      return env(variable).at("value").asString();
    }

    /** A Deployment's environment variable entry ({name, value} or {name, valueFrom}). */
    Node env(String variable) {
      return container().at("env").elements().stream()
          .filter(entry -> variable.equals(entry.asMap().get("name")))
          .findFirst()
          .orElseThrow(() -> new AssertionError(name() + " has no environment variable " + variable));
    }
  }

  /** A value inside a manifest, navigated by keys; a missing key fails the test that asked for it. */
  record Node(Object value) {

    Node at(String... path) {
      var current = value;
      for (var key : path) {
        var map = RenderedChart.asMap(current);
        if (!map.containsKey(key)) {
          throw new AssertionError("no key " + key + " in " + map.keySet());
        }
        current = map.get(key);
      }
      return new Node(current);
    }

    boolean has(String key) {
      return asMap().containsKey(key);
    }

    Map<String, Object> asMap() {
      return RenderedChart.asMap(value);
    }

    List<Node> elements() {
      if (!(value instanceof List<?> list)) {
        throw new AssertionError("expected a sequence but got " + value);
      }
      return list.stream().map(Node::new).toList();
    }

    Node element(int index) {
      return elements().get(index);
    }

    String asString() {
      return String.valueOf(value);
    }

    int asInt() {
      return ((Number) value).intValue();
    }
  }
}
