package io.dataknobs.testservers;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** The official Elasticsearch image in a container, security off (only loaded when Docker answers). */
final class TestcontainersElasticsearch {
  static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:9.5.3";

  private TestcontainersElasticsearch() {}

  @SuppressWarnings("resource")
  static ElasticsearchServer start() {
    GenericContainer<?> c = new GenericContainer<>(IMAGE).withExposedPorts(9200)
        .withEnv("discovery.type", "single-node").withEnv("xpack.security.enabled", "false")
        .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
        .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).withStartupTimeout(Duration.ofMinutes(3)));
    c.start();
    Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "elasticsearch-container-stop"));
    return new ElasticsearchServer("http://" + c.getHost() + ":" + c.getMappedPort(9200), "testcontainers");
  }
}
