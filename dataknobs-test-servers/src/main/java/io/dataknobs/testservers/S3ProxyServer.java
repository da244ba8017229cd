package io.dataknobs.testservers;

import java.net.URI;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

/** S3Proxy in this JVM over an in-memory store, on a free port. */
final class S3ProxyServer {
  static final String ACCESS = "dataknobs-test";
  static final String SECRET = "dataknobs-test-secret";

  private S3ProxyServer() {}

  static S3Server start() {
    try {
      S3Proxy proxy = S3Proxy.builder().blobStore(new TransientNio2BlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET).ignoreUnknownHeaders(true).build();
      proxy.start();
      while (!proxy.getState().equals("STARTED")) {
        Thread.sleep(10);
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          proxy.stop();
        } catch (Exception ignored) {
          // the JVM is exiting
        }
      }, "s3proxy-stop"));
      return new S3Server("http://127.0.0.1:" + proxy.getPort(), ACCESS, SECRET, "s3proxy");
    } catch (Exception e) {
      throw new IllegalStateException("cannot start S3Proxy: " + e.getMessage(), e);
    }
  }
}
