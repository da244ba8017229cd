package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.spi.BackendConfig;
import java.io.IOException;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The index a database creates when it is missing: the record's stored document in {@code doc}
 * (not indexed: {@code enabled: false}), and the typed fields of {@link IndexedFields} mapped by
 * dynamic templates ({@code r.*} byte, {@code k.*}/{@code t.*}/{@code tk.*} keyword,
 * {@code n.*} double, {@code nk.*} byte, {@code b.*} boolean). Shards, replicas and refresh interval come from the
 * {@code index.*} keys; {@code mappings} and {@code settings} are merged over this layout.
 */
final class IndexLayout {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String body;
  private final int resultWindow;

  private IndexLayout(String body, int resultWindow) {
    this.body = body;
    this.resultWindow = resultWindow;
  }

  /** @return the index's {@code max_result_window} as configured (Elasticsearch's 10,000 unless {@code settings} change it) */
  int resultWindow() {
    return resultWindow;
  }

  private static int resultWindow(Map<String, Object> settings) {
    Object v = settings.get("index.max_result_window");
    if (v == null && settings.get("index") instanceof Map) {
      v = ((Map<?, ?>) settings.get("index")).get("max_result_window");
    }
    try {
      return v == null ? 10_000 : Math.max(1, Integer.parseInt(String.valueOf(v)));
    } catch (NumberFormatException e) {
      throw new ConfigurationException("settings", "settings: index.max_result_window must be an integer, got '" + v + "'");
    }
  }

  static IndexLayout of(BackendConfig c) {
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("number_of_shards", c.getInt("index.number_of_shards", 1));
    index.put("number_of_replicas", c.getInt("index.number_of_replicas", 1));
    index.put("refresh_interval", c.getString("index.refresh_interval"));
    // every distinct path and type is a field: allow many (records may differ in shape)
    index.put("mapping", Map.of("total_fields", Map.of("limit", 100_000)));
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("index", index);
    if (c.has("settings")) {
      merge(settings, c.getMap("settings"));
    }
    Map<String, Object> properties = new LinkedHashMap<>();
    properties.put("doc", Map.of("type", "object", "enabled", false));
    properties.put("x", Map.of("type", "keyword"));
    properties.put("xs", Map.of("type", "keyword"));
    for (String o : new String[] {"r", "k", "n", "nk", "b", "t", "tk"}) {
      properties.put(o, Map.of("type", "object", "dynamic", true));
    }
    Map<String, Object> mappings = new LinkedHashMap<>();
    mappings.put("dynamic", "strict");
    // the typed fields are derived from doc: index them, but store only doc in _source
    mappings.put("_source", Map.of("excludes", List.of("r", "k", "n", "nk", "b", "t", "tk", "x", "xs")));
    mappings.put("dynamic_templates", List.of(
        // ranks are only sorted on and tested for existence: doc values suffice
        template("rank", "r.*", Map.of("type", "byte", "index", false)),
        template("string", "k.*", Map.of("type", "keyword")),
        template("number", "n.*", Map.of("type", "double")),
        // kinds and temporal texts are rarely queried: doc values serve those queries, no index is built
        template("number_kind", "nk.*", Map.of("type", "byte", "index", false)),
        template("boolean", "b.*", Map.of("type", "boolean")),
        template("instant", "t.*", Map.of("type", "keyword")),
        template("temporal_text", "tk.*", Map.of("type", "keyword", "index", false))));
    mappings.put("properties", properties);
    if (c.has("mappings")) {
      merge(mappings, c.getMap("mappings"));
    }
    try {
      return new IndexLayout(JSON.writeValueAsString(Map.of("settings", settings, "mappings", mappings)), resultWindow(settings));
    } catch (JsonProcessingException e) {
      throw new ConfigurationException("mappings", "mappings or settings cannot be written as JSON: " + e.getOriginalMessage());
    }
  }

  private static Map<String, Object> template(String name, String pathMatch, Map<String, Object> mapping) {
    return Map.of(name, Map.of("path_match", pathMatch, "mapping", mapping));
  }

  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> into, Map<String, Object> extra) {
    for (Map.Entry<String, Object> e : extra.entrySet()) {
      Object mine = into.get(e.getKey());
      if (mine instanceof Map && e.getValue() instanceof Map) {
        Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) mine);
        merge(copy, (Map<String, Object>) e.getValue());
        into.put(e.getKey(), copy);
      } else {
        into.put(e.getKey(), e.getValue());
      }
    }
  }

  /** Creates {@code index} unless it exists (an index created meanwhile by another process is fine). */
  void ensure(ElasticsearchClient client, String index, boolean create) {
    try {
      if (client.indices().exists(e -> e.index(index)).value()) {
        return;
      }
      if (!create) {
        throw new ConfigurationException("index", "index '" + index + "' does not exist and create_index is false");
      }
      create(client, index);
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot reach Elasticsearch to open index '" + index + "': " + e.getMessage(), e);
    }
  }

  void create(ElasticsearchClient client, String index) throws IOException {
    try {
      // parse with the client's own (Jackson) mapper: the default looks up a JSON-P provider through the
      // context class loader, which inside OSGi finds a foreign one
      var mapper = client._jsonpMapper();
      client.indices().create(c -> c.index(index).withJson(mapper.jsonProvider().createParser(new StringReader(body)), mapper));
    } catch (ElasticsearchException e) {
      if (!"resource_already_exists_exception".equals(e.error().type())) {
        if (e.status() == 400) {
          // the index settings of the configuration were refused: name the setting when Elasticsearch does
          java.util.regex.Matcher m = java.util.regex.Pattern.compile("setting \\[(index\\.[\\w.]+)]").matcher(String.valueOf(e.getMessage()));
          String key = m.find() && java.util.Set.of("index.number_of_shards", "index.number_of_replicas", "index.refresh_interval")
              .contains(m.group(1)) ? m.group(1) : "settings";
          throw new ConfigurationException(key, "configuration key '" + key + "': Elasticsearch refused to create index '" + index
              + "' with it: " + e.getMessage(), java.util.List.of(), e);
        }
        throw ElasticsearchErrors.classify(e).toException("cannot create index '" + index + "': " + e.getMessage(), e, false);
      }
    }
  }
}
