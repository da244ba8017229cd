package io.dataknobs.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataknobs.api.BackendFailureException;
import io.dataknobs.api.BackendUnavailableException;
import io.dataknobs.api.QueryException;
import io.dataknobs.api.RecordValidationException;
import io.dataknobs.core.base.EngineFailure;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** The standard SQLState classes and the one mapping from kind to exception type. */
class SqlDialectClassifyTest {
  private final SqlDialect standard = (SqlDialect) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {SqlDialect.class}, (proxy, method, args) -> java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args));

  private EngineFailure kind(String state) {
    return standard.classify(new SQLException("m", state));
  }

  @Test
  void sqlStateClasses() {
    for (String s : new String[] {"08006", "08001", "40001", "40P01", "57014", "57P01", "53300", "55P03", "HYT00"}) {
      assertThat(kind(s)).as(s).isEqualTo(EngineFailure.TRANSIENT);
    }
    for (String s : new String[] {"22012", "2201B", "22021", "23505", "21000", "54000", "54001", "0A000"}) {
      assertThat(kind(s)).as(s).isEqualTo(EngineFailure.BAD_INPUT);
    }
    for (String s : new String[] {"42P01", "42501", "53100", "57P04", "XX000", "58030"}) {
      assertThat(kind(s)).as(s).isEqualTo(EngineFailure.FAILURE);
    }
    assertThat(standard.classify(new SQLTransientConnectionException("pool timed out"))).isEqualTo(EngineFailure.TRANSIENT);
    assertThat(standard.classify(new SQLTimeoutException("slow"))).isEqualTo(EngineFailure.TRANSIENT);
    assertThat(standard.classify(new SQLException("no state"))).isEqualTo(EngineFailure.FAILURE);
  }

  @Test
  void kindsBecomeTheDocumentedTypesWithTheCause() {
    SQLException cause = new SQLException("engine words", "22012");
    assertThat(EngineFailure.TRANSIENT.toException("m", cause, false)).isInstanceOf(BackendUnavailableException.class).hasCause(cause);
    assertThat(EngineFailure.BAD_INPUT.toException("m", cause, false)).isInstanceOf(QueryException.class).hasCause(cause);
    assertThat(EngineFailure.BAD_INPUT.toException("m", cause, true)).isInstanceOf(RecordValidationException.class).hasCause(cause)
        .satisfies(e -> assertThat(((RecordValidationException) e).field()).isEqualTo("record"));
    assertThat(EngineFailure.FAILURE.toException("m", cause, true)).isInstanceOf(BackendFailureException.class)
        .isNotInstanceOf(BackendUnavailableException.class).hasMessageContaining("retrying will not help");
  }

  @Test
  void largestRepetition() {
    assertThat(SqlDialect.largestRepetition("a{2,5}b{7}")).isEqualTo(7);
    assertThat(SqlDialect.largestRepetition("a{1,99999}")).isEqualTo(99_999);
    assertThat(SqlDialect.largestRepetition("\\{1,99999}")).isZero();
    assertThat(SqlDialect.largestRepetition("x{3,}")).isEqualTo(3);
    assertThat(SqlDialect.largestRepetition("a{99999999999}")).isEqualTo(Integer.MAX_VALUE);
  }
}
