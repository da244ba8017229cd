package io.dataknobs.osgi.internal.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * A Prometheus registry served over HTTP at {@code /metrics}, and offered to the container as a
 * {@link MeterRegistry} service, so every configured database with {@code metrics: true} records
 * into it. Loaded only when a port is asked for.
 */
public final class PrometheusEndpoint implements AutoCloseable {
  /** The content type of Prometheus' text exposition format. */
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final HttpServer server;
  private final ServiceRegistration<?> service;

  private PrometheusEndpoint(BundleContext context, String host, int port) throws IOException {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    gc.bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    server = HttpServer.create(new InetSocketAddress(host, port), 16);
    server.createContext("/metrics", this::scrape);
    server.start();
    Hashtable<String, Object> props = new Hashtable<>();
    props.put("dataknobs.metrics.port", server.getAddress().getPort());
    service = context.registerService(MeterRegistry.class.getName(), registry, props);
  }

  /**
   * Starts serving.
   *
   * @param context the bundle that offers the registry service
   * @param host the address to listen on
   * @param port the port (0: any free one)
   * @return the running endpoint
   * @throws IOException if the port cannot be bound
   */
  public static PrometheusEndpoint start(BundleContext context, String host, int port) throws IOException {
    return new PrometheusEndpoint(context, host, port);
  }

  /** @return the port it listens on */
  public int port() {
    return server.getAddress().getPort();
  }

  private void scrape(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = registry.scrape().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
      if (!"HEAD".equals(exchange.getRequestMethod())) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    try {
      service.unregister();
    } catch (IllegalStateException e) {
      // gone with the bundle
    }
    server.stop(0);
    gc.close();
    registry.close();
  }
}
