package io.dataknobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The BOM pins exactly the module versions the reactor builds. */
class BomConsistencyTest {
  private static final Path ROOT = Path.of("..");

  private static String artifactVersion(Path pom) throws Exception {
    String xml = Files.readString(pom).replaceAll("(?s)<parent>.*?</parent>", "");
    Matcher a = Pattern.compile("<artifactId>([^<]+)</artifactId>\\s*<version>([^<]+)</version>").matcher(xml);
    assertThat(a.find()).as(pom.toString()).isTrue();
    return a.group(1) + ":" + a.group(2);
  }

  @Test
  void bomListsEveryPublishedModuleAtItsOwnVersion() throws Exception {
    Map<String, String> modules = new LinkedHashMap<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path dir : dirs.filter(d -> d.getFileName().toString().startsWith("dataknobs-")
          && !d.getFileName().toString().equals("dataknobs-bom") && Files.exists(d.resolve("pom.xml"))).toList()) {
        if (Files.readString(dir.resolve("pom.xml")).contains("<maven.deploy.skip>true</maven.deploy.skip>")) {
          continue; // built, not published (the compatibility gate)
        }
        String[] av = artifactVersion(dir.resolve("pom.xml")).split(":");
        modules.put(av[0], av[1]);
      }
    }
    assertThat(modules).containsKeys("dataknobs-api", "dataknobs-core", "dataknobs-tck", "dataknobs-backend-memory");
    String bom = Files.readString(ROOT.resolve("dataknobs-bom/pom.xml"));
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    modules.forEach((artifact, version) -> assertThat(bom).as("BOM entry for " + artifact)
        .containsPattern("<artifactId>" + artifact + "</artifactId>\\s*<version>" + Pattern.quote(version) + "</version>"));
    assertThat(parent).as("the parent names no module version of its own: it imports the BOM")
        .doesNotContainPattern("<artifactId>dataknobs-(api|core|tck|backend-[a-z]+|decorator-[a-z]+)</artifactId>\\s*<version>")
        .contains("<dataknobs-bom.version>" + artifactVersion(ROOT.resolve("dataknobs-bom/pom.xml")).split(":")[1] + "</dataknobs-bom.version>");
    Matcher listed = Pattern.compile("<artifactId>(dataknobs-[a-z0-9-]+)</artifactId>\\s*<version>")
        .matcher(bom.substring(bom.indexOf("<dependencyManagement>")));
    while (listed.find()) {
      assertThat(modules).as("the BOM lists only modules the reactor builds").containsKey(listed.group(1));
    }
  }
}
