package io.dataknobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Resolves the api, core and memory jars as named modules in a fresh module layer (as on
 * {@code --module-path}) and checks that the factory discovers the memory backend through
 * {@code uses}/{@code provides} and that internal packages are not exported.
 */
class ModulePathIT {

  private static ModuleLayer layer() throws Exception {
    List<Path> jars = OsgiFelixIT.bundleJars().stream()
        // the S3 and Elasticsearch bundles carry their SDK/client inside (for OSGi), where the module path cannot see it
        .filter(p -> !p.getFileName().toString().matches("(asm|org\\.apache\\.aries|slf4j-simple|osgi|org\\.apache\\.felix|dataknobs-backend-s3|dataknobs-backend-elasticsearch).*"))
        .toList();
    ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
    Configuration cf = ModuleLayer.boot().configuration()
        .resolveAndBind(finder, ModuleFinder.of(), Set.of("io.dataknobs.core", "io.dataknobs.backend.memory",
            "io.dataknobs.backend.sqlite", "io.dataknobs.backend.duckdb", "io.dataknobs.backend.file"));
    return ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
  }

  @Test
  void factoryFindsTheMemoryBackendOnTheModulePath() throws Exception {
    ModuleLayer layer = layer();
    Class<?> factoryClass = layer.findLoader("io.dataknobs.core").loadClass("io.dataknobs.core.DatabaseFactory");
    assertThat(factoryClass.getModule().isNamed()).isTrue();
    Object factory = factoryClass.getMethod("standard").invoke(null);
    Collection<Object> names = (Collection<Object>) factoryClass.getMethod("backends").invoke(factory);
    assertThat(names).contains("memory", "sqlite", "duckdb", "file");
    Object db = factoryClass.getMethod("open", String.class, Map.class).invoke(factory, "mem", Map.of());
    Class<?> dbType = layer.findLoader("io.dataknobs.api").loadClass("io.dataknobs.api.Database");
    assertThat(dbType.getMethod("count").invoke(db)).isEqualTo(0L);
    dbType.getMethod("close").invoke(db);
  }

  @Test
  void theFileBackendWritesParquetThroughDuckDbsModule(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    ModuleLayer layer = layer();
    Class<?> factoryClass = layer.findLoader("io.dataknobs.core").loadClass("io.dataknobs.core.DatabaseFactory");
    Object factory = factoryClass.getMethod("standard").invoke(null);
    Class<?> dbType = layer.findLoader("io.dataknobs.api").loadClass("io.dataknobs.api.Database");
    Class<?> recordClass = layer.findLoader("io.dataknobs.api").loadClass("io.dataknobs.api.Record");
    Map<String, Object> config = Map.of("path", dir.resolve("m.parquet").toString());
    Object db = factoryClass.getMethod("open", String.class, Map.class).invoke(factory, "file", config);
    dbType.getMethod("create", recordClass).invoke(db, recordClass.getMethod("of", String.class, Map.class).invoke(null, "a", Map.of("n", 1L)));
    dbType.getMethod("close").invoke(db);
    db = factoryClass.getMethod("open", String.class, Map.class).invoke(factory, "file", config);
    assertThat(dbType.getMethod("count").invoke(db)).isEqualTo(1L);
    dbType.getMethod("close").invoke(db);
  }

  @Test
  void descriptorsExportApiButNotInternals() throws Exception {
    ModuleLayer layer = layer();
    ModuleDescriptor api = layer.findModule("io.dataknobs.api").orElseThrow().getDescriptor();
    Set<String> apiExports = api.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    assertThat(apiExports).contains("io.dataknobs.api", "io.dataknobs.api.query", "io.dataknobs.api.stream", "io.dataknobs.spi")
        .doesNotContain("io.dataknobs.api.internal");
    assertThat(api.requires()).allMatch(r -> r.name().startsWith("java."));
    ModuleDescriptor core = layer.findModule("io.dataknobs.core").orElseThrow().getDescriptor();
    assertThat(core.uses()).contains("io.dataknobs.spi.BackendProvider");
    assertThat(core.exports().stream().map(ModuleDescriptor.Exports::source)).noneMatch(p -> p.contains("internal"));
    ModuleDescriptor memory = layer.findModule("io.dataknobs.backend.memory").orElseThrow().getDescriptor();
    assertThat(memory.provides()).anySatisfy(p -> {
      assertThat(p.service()).isEqualTo("io.dataknobs.spi.BackendProvider");
      assertThat(p.providers()).contains("io.dataknobs.backend.memory.MemoryBackendProvider");
    });
    assertThat(layer.modules().stream().map(Module::getName)).contains("io.dataknobs.api");
    assertThat(ModuleFinder.ofSystem().findAll().stream().map(ModuleReference::descriptor)).isNotEmpty();
  }
}
