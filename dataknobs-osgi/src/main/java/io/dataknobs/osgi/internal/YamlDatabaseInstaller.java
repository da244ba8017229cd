package io.dataknobs.osgi.internal;

import io.dataknobs.core.DataknobsConfig;
import io.dataknobs.core.DatabaseSettings;
import io.dataknobs.osgi.DatabaseServices;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * YAML files in File Install's folder, in this project's format ({@code databases: {orders:
 * {backend: postgres, …}}}): each entry becomes a factory configuration of
 * {@link DatabaseServices#FACTORY_PID} named after it, so it is opened by {@link DatabaseComponent}
 * like a {@code .cfg} file's. Editing the file updates the configurations that changed and
 * deletes those of entries taken out; deleting it deletes them all. {@code ${VAR}} is
 * substituted from the environment as everywhere else.
 */
@Component(service = ArtifactInstaller.class)
public final class YamlDatabaseInstaller implements ArtifactInstaller {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(YamlDatabaseInstaller.class);
  /** Configuration property: the YAML file an entry came from (not File Install's own, which would write back to it). */
  static final String SOURCE = "dataknobs.source";

  @Reference
  private ConfigurationAdmin configurations;

  @Override
  public boolean canHandle(File artifact) {
    String n = artifact.getName().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  @Override
  public void install(File artifact) throws IOException, InvalidSyntaxException {
    update(artifact);
  }

  @Override
  public void update(File artifact) throws IOException, InvalidSyntaxException {
    DataknobsConfig config;
    try {
      config = DataknobsConfig.load(artifact.toPath());
    } catch (RuntimeException e) {
      LOG.error("{}: not read: {}; its databases stay as they were", artifact, e.getMessage());
      return;
    }
    String source = artifact.toURI().toString();
    Set<String> kept = new HashSet<>();
    for (String name : config.databaseNames()) {
      DatabaseSettings db = config.database(name);
      Hashtable<String, Object> props = new Hashtable<>();
      flatten("", db.values(), props);
      props.put("backend", db.backend());
      props.put("name", name);
      props.put(SOURCE, source);
      Configuration c = configurations.getFactoryConfiguration(DatabaseServices.FACTORY_PID, name, "?");
      kept.add(c.getPid());
      if (c.updateIfDifferent(props)) {
        LOG.info("{}: database '{}' configured", artifact, name);
      }
    }
    for (Configuration c : of(source)) {
      if (!kept.contains(c.getPid())) {
        LOG.info("{}: database '{}' taken out of the file", artifact, c.getProperties().get("name"));
        c.delete();
      }
    }
  }

  @Override
  public void uninstall(File artifact) throws IOException, InvalidSyntaxException {
    for (Configuration c : of(artifact.toURI().toString())) {
      c.delete();
    }
  }

  private List<Configuration> of(String source) throws IOException, InvalidSyntaxException {
    Configuration[] found = configurations.listConfigurations("(&(service.factoryPid=" + DatabaseServices.FACTORY_PID + ")("
        + SOURCE + "=" + source.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*") + "))");
    return found == null ? List.of() : List.of(found);
  }

  /** Nested sections as dotted keys, as a {@code .cfg} file writes them; lists as arrays of text. */
  private static void flatten(String prefix, Map<String, Object> values, Dictionary<String, Object> into) {
    values.forEach((k, v) -> {
      String key = prefix + k;
      if (v instanceof Map<?, ?> m) {
        @SuppressWarnings("unchecked")
        Map<String, Object> nested = (Map<String, Object>) m;
        flatten(key + ".", nested, into);
      } else if (v instanceof Collection<?> list) {
        List<String> out = new ArrayList<>();
        list.forEach(x -> out.add(String.valueOf(x)));
        into.put(key, out.toArray(String[]::new));
      } else if (v instanceof String || v instanceof Boolean || v instanceof Long || v instanceof Integer || v instanceof Double) {
        into.put(key, v);
      } else if (v != null) {
        into.put(key, String.valueOf(v));
      }
    });
  }
}
