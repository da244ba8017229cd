package io.dataknobs.it.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testng.ITestResult;
import org.testng.TestListenerAdapter;
import org.testng.TestNG;

/**
 * Runs the Reactive Streams TCK (TestNG) for each backend's {@link StreamReadVerification} from
 * JUnit, and fails naming every rule whose test failed. Tests the TCK skips (those needing an
 * unbounded publisher) are counted, not failed.
 */
class ReactiveStreamsTckTest {
  @ParameterizedTest
  @ValueSource(classes = {MemoryStreamReadVerification.class, SqliteStreamReadVerification.class, PostgresStreamReadVerification.class})
  void streamReadKeepsTheReactiveStreamsContract(Class<?> verification) {
    TestNG testng = new TestNG(false);
    testng.setTestClasses(new Class<?>[] {verification});
    testng.setUseDefaultListeners(false);
    testng.setVerbose(0);
    TestListenerAdapter results = new TestListenerAdapter();
    testng.addListener(results);
    testng.run();
    List<String> failed = new ArrayList<>();
    for (ITestResult r : results.getFailedTests()) {
      failed.add(r.getName() + ": " + r.getThrowable());
    }
    for (ITestResult r : results.getConfigurationFailures()) {
      failed.add("setup " + r.getName() + ": " + r.getThrowable());
    }
    assertThat(results.getPassedTests()).as("TCK tests passed").hasSizeGreaterThan(20);
    assertThat(failed).as(String.join("\n", failed)).isEmpty();
  }
}
