package io.dataknobs.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The default list parameter is a JSON array an engine reads back as exactly the values bound. */
class SqlDialectListParameterTest {
  private final SqlDialect standard = (SqlDialect) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
      new Class<?>[] {SqlDialect.class}, (proxy, method, args) -> java.lang.reflect.InvocationHandler.invokeDefault(proxy, method, args));

  @Test
  void textIsEscapedInPlace() throws Exception {
    List<String> values = List.of("plain", "", "quote \" inside", "back\\slash", "tab\tnew\nline", "\u0001control", "é ü 中文",
        "emoji \uD83D\uDE00", "</script>", "bench-00000001");
    String json = (String) standard.listParameter(values, false);
    assertThat(new ObjectMapper().readValue(json, List.class)).isEqualTo(values);
  }

  @Test
  void numbersAreWrittenAsNumbers() throws Exception {
    List<Object> values = List.of(1L, -2L, 0.5, new BigDecimal("12.50"), Long.MAX_VALUE);
    String json = (String) standard.listParameter(values, true);
    assertThat(json).isEqualTo("[1,-2,0.5,12.50,9223372036854775807]");
  }

  @Test
  void anEmptyListIsAnEmptyArray() {
    assertThat(standard.listParameter(List.of(), false)).isEqualTo("[]");
  }
}
