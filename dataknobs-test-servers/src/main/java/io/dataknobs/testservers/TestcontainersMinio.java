package io.dataknobs.testservers;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** MinIO in a container (only loaded when Docker answers). */
final class TestcontainersMinio {
  static final String IMAGE = "minio/minio:latest";

  private TestcontainersMinio() {}

  @SuppressWarnings("resource")
  static S3Server start() {
    GenericContainer<?> c = new GenericContainer<>(IMAGE).withCommand("server", "/data").withExposedPorts(9000)
        .withEnv("MINIO_ROOT_USER", "dataknobs").withEnv("MINIO_ROOT_PASSWORD", "dataknobs-secret")
        .waitingFor(Wait.forHttp("/minio/health/ready").forPort(9000));
    c.start();
    Runtime.getRuntime().addShutdownHook(new Thread(c::stop, "minio-container-stop"));
    return new S3Server("http://" + c.getHost() + ":" + c.getMappedPort(9000), "dataknobs", "dataknobs-secret", "testcontainers");
  }
}
