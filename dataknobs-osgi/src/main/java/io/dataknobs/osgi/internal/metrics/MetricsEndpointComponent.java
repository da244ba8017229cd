package io.dataknobs.osgi.internal.metrics;

import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the Prometheus endpoint when a port is configured: {@code port} (and {@code host}) of the
 * configuration {@value #PID} (a {@code deploy/io.dataknobs.metrics.cfg} file), else the framework
 * property {@value #PORT_PROPERTY} ({@code dataknobs container --metrics-port N}). Without either
 * nothing is opened and Prometheus' classes are never loaded.
 */
@Component(configurationPid = MetricsEndpointComponent.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true,
    service = {})
public final class MetricsEndpointComponent {
  /** The configuration of the endpoint. */
  public static final String PID = "io.dataknobs.metrics";
  /** The framework property the container sets from {@code --metrics-port}. */
  public static final String PORT_PROPERTY = "dataknobs.metrics.port";

  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpointComponent.class);

  private AutoCloseable endpoint;

  @Activate
  @Modified
  synchronized void start(BundleContext context, Map<String, Object> properties) {
    stop();
    Object port = properties.getOrDefault("port", context.getProperty(PORT_PROPERTY));
    if (port == null || port.toString().isBlank()) {
      return;
    }
    String host = String.valueOf(properties.getOrDefault("host", "0.0.0.0"));
    int p;
    try {
      p = Integer.parseInt(port.toString().trim());
    } catch (NumberFormatException e) {
      LOG.error("metrics port '{}' is not a number; set port to a free TCP port (0-65535)", port);
      return;
    }
    try {
      PrometheusEndpoint e = PrometheusEndpoint.start(context, host, p);
      endpoint = e;
      LOG.info("metrics: Prometheus format at http://{}:{}/metrics", host, e.port());
    } catch (java.io.IOException e) {
      LOG.error("metrics port {} could not be opened: {}; choose a free port", p, e.getMessage());
    } catch (LinkageError e) {
      LOG.error("metrics port {} asked for, but micrometer-registry-prometheus is not installed: add it and its"
          + " io.prometheus bundles to the container ({})", p, e.toString());
    }
  }

  @Deactivate
  synchronized void stop() {
    if (endpoint != null) {
      try {
        endpoint.close();
      } catch (Exception e) {
        LOG.debug("closing the metrics endpoint: {}", e.toString());
      }
      endpoint = null;
    }
  }
}
