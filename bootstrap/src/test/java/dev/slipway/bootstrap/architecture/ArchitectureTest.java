package dev.slipway.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The module boundaries of ARCHITECTURE.md, checked against the compiled classes of every module on the classpath. */
@AnalyzeClasses(packages = "dev.slipway", importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.ProductionCodeOnly.class})
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnNothingButTheJdk = classes()
            .that().resideInAPackage("dev.slipway.domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.slipway.domain..", "java..")
            .because("the domain is the field's own language, plain Java that no library or outside system can break");

    @ArchTest
    static final ArchRule applicationDependsOnlyOnTheDomainAndTheJdk = classes()
            .that().resideInAPackage("dev.slipway.application..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.slipway.application..", "dev.slipway.domain..", "java..")
            .because("use cases and ports stay framework-free, so every front end and adapter can drive them and tests need only fakes");

    @ArchTest
    static final ArchRule coreUsesNoFrameworkOrOutsideSystemLibrary = noClasses()
            .that().resideInAnyPackage("dev.slipway.domain..", "dev.slipway.application..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "jakarta..", "javax..", "software.amazon..", "com.amazonaws..",
                    "org.eclipse.jgit..", "com.slack..", "java.sql..", "org.flywaydb..")
            .because("Spring, Jakarta, AWS, JGit, Slack and JDBC types belong in adapters and bootstrap, never in the core");

    @ArchTest
    static final ArchRule adaptersDoNotDependOnEachOther = slices()
            .matching("dev.slipway.adapter.(*)..")
            .should().notDependOnEachOther()
            .because("each adapter speaks for one outside system through the ports; bootstrap is the only place that sees them all");

    @ArchTest
    static final ArchRule nothingDependsOnBootstrap = noClasses()
            .that().resideOutsideOfPackage("dev.slipway.bootstrap..")
            .should().dependOnClassesThat().resideInAPackage("dev.slipway.bootstrap..")
            .because("bootstrap wires everything together and may change freely; depending on it would turn the wiring into a library");

    @ArchTest
    static final ArchRule outboundPortsAreInterfaces = classes()
            .that().resideInAPackage("dev.slipway.application.port.out..").and().areTopLevelClasses()
            .and().areNotAssignableTo(Throwable.class)
            .should().beInterfaces()
            .because("an outbound port is a role that adapters play; a class there would pull an implementation into the core");

    @ArchTest
    static final ArchRule portsAreNamedForTheirRole = noClasses()
            .that().resideInAPackage("dev.slipway.application.port..")
            .should().haveSimpleNameEndingWith("Port")
            .because("ports are named for the role they play (VersionControl, not VersionControlPort), as STYLE.md asks");

    @ArchTest
    static final ArchRule noVagueClassNames = noClasses()
            .should().haveSimpleNameEndingWith("Impl")
            .orShould().haveSimpleNameEndingWith("Manager")
            .orShould().haveSimpleNameEndingWith("Helper")
            .orShould().haveSimpleNameEndingWith("Util")
            .because("a class named Impl, Manager, Helper or Util does not say its role; name it for what it does");

    /** Test jars of other modules (their fakes and contract tests) and this module's tests are not production code. */
    static final class ProductionCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }
}
