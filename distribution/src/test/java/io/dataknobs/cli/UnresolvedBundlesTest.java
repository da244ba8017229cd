package io.dataknobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The ranges the container prints for an unsatisfied import read as the bundle's header wrote them. */
class UnresolvedBundlesTest {
  @Test
  void aBoundedRangeReadsAsInTheHeader() {
    assertThat(UnresolvedBundles.range("(&(osgi.wiring.package=io.dataknobs.api)(version>=1.0.0)(!(version>=2.0.0)))", "version"))
        .isEqualTo("[1.0.0,2.0.0)");
  }

  @Test
  void anOpenOrExactOrMissingRange() {
    assertThat(UnresolvedBundles.range("(&(osgi.wiring.package=org.slf4j)(version>=2.0.0))", "version")).isEqualTo("version 2.0.0 or later");
    assertThat(UnresolvedBundles.range("(&(osgi.wiring.bundle=x)(bundle-version=1.2.3))", "bundle-version")).isEqualTo("version 1.2.3");
    assertThat(UnresolvedBundles.range("(osgi.wiring.package=java.lang)", "version")).isEqualTo("(any version)");
    assertThat(UnresolvedBundles.range("(&(osgi.wiring.package=a)(!(version>=3.0.0)))", "version")).isEqualTo("[0.0.0,3.0.0)");
  }
}
