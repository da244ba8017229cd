package io.dataknobs.testservers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A real Elasticsearch node for tests, one per JVM, chosen in this order: the URL in
 * {@value #URL_VARIABLE}; the official 9.x image through Testcontainers when a Docker engine
 * answers; otherwise a single embedded node started in a child JVM (JDK 21 or newer, found as
 * described in {@link EmbeddedElasticsearchNode}) from the server jars on the test class path
 * ({@code org.elasticsearch:elasticsearch} and {@code org.elasticsearch.plugin:transport-netty4}).
 * Each test class takes a fresh index name with {@link #freshIndex(String)}.
 */
public final class ElasticsearchServer {
  /** The environment variable naming an Elasticsearch URL to use instead of starting a node. */
  public static final String URL_VARIABLE = "DATAKNOBS_TEST_ELASTICSEARCH_URL";
  private static ElasticsearchServer shared;

  private final String url;
  private final String origin;

  ElasticsearchServer(String url, String origin) {
    this.url = url;
    this.origin = origin;
  }

  /** @return the JVM's node, started on first use and stopped when the JVM exits */
  public static synchronized ElasticsearchServer shared() {
    if (shared == null) {
      shared = ServerChoice.pick(URL_VARIABLE, given -> new ElasticsearchServer(given, "environment"),
          () -> TestcontainersElasticsearch.start(), () -> EmbeddedElasticsearchNode.start());
    }
    return shared;
  }

  /**
   * Starts an embedded node of the caller's own (not the shared one), for tests that stop or kill
   * it: it needs the Elasticsearch jars on the class path and a JDK 21+, as the shared embedded
   * node does.
   *
   * @return the running node; close it (or {@link OwnNode#kill()}) when done
   * @since test-servers 1.1
   */
  public static OwnNode startOwnNode() {
    return new OwnNode(EmbeddedElasticsearchNode.startProcess());
  }

  /** An embedded node started for one test: {@link #server()} to reach it, {@link #kill()} to take it away. */
  public static final class OwnNode implements AutoCloseable {
    private final EmbeddedElasticsearchNode.Running node;
    private final ElasticsearchServer server;
    private boolean gone;

    OwnNode(EmbeddedElasticsearchNode.Running node) {
      this.node = node;
      this.server = new ElasticsearchServer(node.url(), "embedded");
    }

    /** @return the node as a server: its URL and configuration */
    public ElasticsearchServer server() {
      return server;
    }

    /** Kills the node's process at once (SIGKILL): requests in flight fail, and it does not come back. */
    public synchronized void kill() {
      if (!gone) {
        gone = true;
        node.kill();
      }
    }

    /** Stops the node if it still runs. */
    @Override
    public synchronized void close() {
      if (!gone) {
        gone = true;
        node.stop();
      }
    }
  }

  /** @return where the node came from: {@code environment}, {@code testcontainers} or {@code embedded} */
  public String origin() {
    return origin;
  }

  /** @return the node's HTTP URL, e.g. {@code http://127.0.0.1:9200} */
  public String url() {
    return url;
  }

  /** @return backend configuration reaching the node: {@code hosts} and no replicas (a single node cannot place them) */
  public Map<String, Object> config() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hosts", java.util.List.of(url));
    m.put("index.number_of_replicas", 0);
    return m;
  }

  /** @return an index name no other test class of this JVM uses (the backend creates it) */
  public String freshIndex(String prefix) {
    return ServerChoice.uniqueName(prefix, "-");
  }
}
