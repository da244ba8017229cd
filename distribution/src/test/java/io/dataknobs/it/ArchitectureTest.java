package io.dataknobs.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of DESIGN.md, checked on the compiled classes of every module. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.dataknobs");
  }

  @Test
  void apiDependsOnTheJdkOnly() {
    classes().that().resideInAnyPackage("io.dataknobs.api..", "io.dataknobs.spi..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.dataknobs.api..", "io.dataknobs.spi..",
            // package versions and SPI roles: class-retention annotations read by bnd, not needed at run time
            "org.osgi.annotation.versioning..", "org.osgi.annotation.bundle..")
        .check(classes);
  }

  @Test
  void noBackendDependsOnAnother() {
    slices().matching("io.dataknobs.backend.(*)..").should().notDependOnEachOther().check(classes);
  }

  @Test
  void nothingDependsOnTheDistribution() {
    noClasses().that().resideOutsideOfPackage("io.dataknobs.cli..")
        .should().dependOnClassesThat().resideInAPackage("io.dataknobs.cli..").check(classes);
  }

  @Test
  void coreDependsOnNoBackend() {
    noClasses().that().resideInAPackage("io.dataknobs.core..")
        .should().dependOnClassesThat().resideInAnyPackage("io.dataknobs.backend..", "io.dataknobs.cli..").check(classes);
  }

  @Test
  void onlyTheDecoratorBundlesUseTheDecoratorLibraries() {
    noClasses().that().resideOutsideOfPackage("io.dataknobs.decorator..")
        .and().resideOutsideOfPackage("io.dataknobs.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("com.github.benmanes.caffeine..", "io.github.resilience4j..",
            "io.dataknobs.decorator..")
        .check(classes);
  }

  /** Micrometer: the metrics decorator and the layers it binds (decorators), and the container's endpoint; never api, core or a backend. */
  @Test
  void micrometerStaysOutOfTheApiCoreAndBackends() {
    noClasses().that().resideInAnyPackage("io.dataknobs.api..", "io.dataknobs.spi..", "io.dataknobs.core..", "io.dataknobs.backend..")
        .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..")
        .check(classes);
  }

  @Test
  void internalPackagesStayInsideTheirModule() {
    noClasses().that().resideOutsideOfPackage("io.dataknobs.core..")
        .should().dependOnClassesThat().resideInAPackage("io.dataknobs.core..internal..").check(classes);
    noClasses().that().resideOutsideOfPackages("io.dataknobs.api..", "io.dataknobs.spi..")
        .should().dependOnClassesThat().resideInAPackage("io.dataknobs.api.internal..").check(classes);
  }

  @Test
  void backendsUseOnlyTheApiCoreAndTheirOwnDrivers() {
    noClasses().that().resideInAPackage("io.dataknobs.backend..")
        .should().dependOnClassesThat().resideInAPackage("io.dataknobs.tck..").check(classes);
  }
}
