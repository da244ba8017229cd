package io.dataknobs.backend.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.ConfigurationException;
import io.dataknobs.core.config.ConfigValidator;
import io.dataknobs.spi.BackendConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.util.Timeout;

/**
 * Builds the official client from a configuration: {@code hosts}, the HTTP pool
 * ({@code connections} per route, {@code maxsize} in total), {@code timeout}, credentials
 * ({@code api_key}, or {@code username}/{@code password}) and TLS ({@code ca_certs},
 * {@code verify_certs}). Public so that code outside the factory (a benchmark's raw baseline, an
 * application's own requests) can reach the same cluster with the same settings.
 */
public final class ElasticsearchConnections {
  private ElasticsearchConnections() {}

  /** A client with the transport that owns its HTTP pool. */
  public record Connection(ElasticsearchClient client, Rest5Client rest) implements AutoCloseable {
    @Override
    public void close() {
      try {
        rest.close();
      } catch (IOException e) {
        // closing: nothing left to do with the pool
      }
    }
  }

  /**
   * Opens a client for an {@code elasticsearch} configuration (as given to the factory).
   *
   * @param config the configuration keys of the backend (unknown keys are rejected)
   * @return a client the caller closes
   */
  public static Connection open(Map<String, ?> config) {
    return open(ConfigValidator.validate("elasticsearch", ElasticsearchBackendProvider.SPEC, config));
  }

  static Connection open(BackendConfig c) {
    primeJsonProvider();
    List<URI> hosts = hosts(c);
    Duration timeout = c.getDuration("timeout", Duration.ofSeconds(30));
    int perRoute = Math.max(1, c.getInt("connections", 10));
    int total = Math.max(perRoute, c.getInt("maxsize", 30));
    SSLContext ssl = sslContext(c);
    boolean verify = c.getBoolean("verify_certs", true);
    var builder = Rest5Client.builder(hosts)
        .setConnectionManagerCallback(m -> {
          m.setMaxConnPerRoute(perRoute).setMaxConnTotal(total);
          if (ssl != null) {
            var tls = ClientTlsStrategyBuilder.create().setSslContext(ssl);
            if (!verify) {
              tls.setHostnameVerifier(NoopHostnameVerifier.INSTANCE);
            }
            m.setTlsStrategy(tls.buildAsync());
          }
        })
        .setRequestConfigCallback(r -> r.setResponseTimeout(Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS))
            .setConnectionRequestTimeout(Timeout.of(timeout.toMillis(), TimeUnit.MILLISECONDS)));
    Header auth = authorization(c);
    if (auth != null) {
      builder.setDefaultHeaders(new Header[] {auth});
    }
    if (ssl != null) {
      builder.setSSLContext(ssl);
    }
    Rest5Client rest = builder.build();
    ObjectMapper mapper = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return new Connection(new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper(mapper))), rest);
  }

  /**
   * The client finds its JSON-P provider once, through the context class loader; inside OSGi that
   * is not this bundle's, whose embedded provider must be the one found.
   */
  private static void primeJsonProvider() {
    Thread t = Thread.currentThread();
    ClassLoader old = t.getContextClassLoader();
    t.setContextClassLoader(ElasticsearchConnections.class.getClassLoader());
    try {
      co.elastic.clients.json.JsonpUtils.systemProvider();
      co.elastic.clients.json.JsonpUtils.provider();
    } finally {
      t.setContextClassLoader(old);
    }
  }

  /** @return the {@code hosts} (a list, or one string with commas) as URLs; {@code host:port} means http */
  static List<URI> hosts(BackendConfig c) {
    Object raw = c.get("hosts");
    List<Object> items = new ArrayList<>();
    if (raw instanceof List<?>) {
      items.addAll((List<?>) raw);
    } else if (raw != null) {
      for (String s : String.valueOf(raw).split(",")) {
        items.add(s);
      }
    }
    List<URI> out = new ArrayList<>();
    for (Object o : items) {
      if (!(o instanceof String)) {
        throw new ConfigurationException("hosts", "configuration key 'hosts' has an entry that is not a string ('" + o + "'): give host:port or a URL");
      }
      String s = String.valueOf(o).trim();
      if (s.isEmpty()) {
        continue;
      }
      if (!s.contains("://")) {
        s = "http://" + s;
      }
      try {
        URI u = URI.create(s);
        if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
          throw new IllegalArgumentException("needs http(s)://host[:port]");
        }
        out.add(u.getPort() < 0 ? URI.create(u.getScheme() + "://" + u.getHost() + ":9200") : u);
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("hosts", "configuration key 'hosts' has an entry that is not a URL ('" + o + "'): "
            + e.getMessage());
      }
    }
    if (out.isEmpty()) {
      throw new ConfigurationException("hosts", "configuration key 'hosts' names no host");
    }
    return out;
  }

  private static Header authorization(BackendConfig c) {
    if (c.has("api_key")) {
      return new BasicHeader("Authorization", "ApiKey " + c.getString("api_key"));
    }
    if (c.has("username")) {
      String userPass = c.getString("username") + ":" + (c.has("password") ? c.getString("password") : "");
      return new BasicHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8)));
    }
    if (c.has("password")) {
      throw new ConfigurationException("username", "password is set but username is not");
    }
    return null;
  }

  /** @return the TLS context for {@code ca_certs} (PEM) or {@code verify_certs: false}; null for the JDK's defaults */
  private static SSLContext sslContext(BackendConfig c) {
    boolean verify = c.getBoolean("verify_certs", true);
    if (!c.has("ca_certs") && verify) {
      return null;
    }
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      if (!verify) {
        ctx.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
        return ctx;
      }
      Path pem = Path.of(c.getString("ca_certs"));
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(pem)) {
        int n = 0;
        for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trust.setCertificateEntry("ca-" + n++, cert);
        }
        if (n == 0) {
          throw new ConfigurationException("ca_certs", "configuration key 'ca_certs' names a file without certificates: " + pem);
        }
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      ctx.init(null, tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (IOException e) {
      throw new ConfigurationException("ca_certs", "configuration key 'ca_certs' cannot be read: " + e.getMessage());
    } catch (java.security.cert.CertificateException e) {
      throw new ConfigurationException("ca_certs", "configuration key 'ca_certs' names a file that does not hold PEM certificates: "
          + e.getMessage(), java.util.List.of(), e);
    } catch (GeneralSecurityException e) {
      throw new BackendUnavailableException("cannot set up TLS for Elasticsearch: " + e.getMessage(), e);
    }
  }

  /** verify_certs: false — accepts any server certificate (development clusters only). */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
