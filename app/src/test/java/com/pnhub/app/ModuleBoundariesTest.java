package com.pnhub.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.pnhub.command.legacyapi.LegacyEnvelope;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module boundaries of ../shared/style.md, checked on the compiled classes. */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // command-side's test classes are on app's test class path as a test-jar (fixtures for the upcaster
                // test); in a full build they come from that jar, which DO_NOT_INCLUDE_TESTS does not recognise
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("com.pnhub");
    }

    @Test
    void sharedApiDependsOnNothingOfOursAndNoSpring() {
        noClasses().that().resideInAPackage("com.pnhub.api..")
                .should().dependOnClassesThat().resideInAnyPackage("com.pnhub.command..", "com.pnhub.query..",
                        "com.pnhub.app..", "com.pnhub.simulator..", "com.pnhub.localinfra..", "org.springframework..")
                .check(classes);
    }

    @Test
    void commandsEventsAndQueriesAreRecords() {
        classes().that().resideInAPackage("com.pnhub.api..")
                .and().areNotInterfaces()
                .and().haveNameMatching(".*(Command|Event|Query)$")
                .should().beRecords()
                .check(classes);
    }

    @Test
    void querySideNeverImportsCommandSide() {
        noClasses().that().resideInAPackage("com.pnhub.query..")
                .should().dependOnClassesThat().resideInAPackage("com.pnhub.command..")
                .check(classes);
    }

    @Test
    void commandSideNeverImportsQuerySide() {
        noClasses().that().resideInAPackage("com.pnhub.command..")
                .should().dependOnClassesThat().resideInAPackage("com.pnhub.query..")
                .check(classes);
    }

    @Test
    void onlyTheLegacyFacadesKnowTheLegacyEnvelope() {
        // the legacy HTTP API, the message platform's HTTP push entry, which answers the same envelope, and the
        // legacy door, which refuses a caller in it
        noClasses().that().resideOutsideOfPackages("com.pnhub.command.legacyapi..", "com.pnhub.bridge.http..")
                .and().doNotHaveFullyQualifiedName("com.pnhub.app.security.LegacyDoorFilter")
                .should().dependOnClassesThat().areAssignableTo(LegacyEnvelope.class)
                .check(classes);
    }

    @Test
    void neitherSideKnowsTheSimulatorOrTheEmbeddedServers() {
        noClasses().that().resideInAnyPackage("com.pnhub.command..", "com.pnhub.query..", "com.pnhub.api..")
                .should().dependOnClassesThat().resideInAnyPackage("com.pnhub.simulator..", "com.pnhub.localinfra..")
                .check(classes);
    }

    @Test
    void sagaInternalCommandsAreNotPartOfAnyPublicApi() {
        // confirm/reject/hold and the other commands a saga or the reconciliation sends to a number: no facade, query
        // or bridge may send them, or a request could confirm a binding no provider made
        noClasses().that().resideOutsideOfPackage("com.pnhub.command..")
                .should().dependOnClassesThat().resideInAPackage("com.pnhub.command.internal..")
                .check(classes);
    }

    @Test
    void onlyTheAliyunAdapterTalksToTheAliyunSdk() {
        noClasses().that().resideOutsideOfPackage("com.pnhub.command.provider.aliyun..")
                .should().dependOnClassesThat().resideInAPackage("com.aliyuncs..")
                .check(classes);
    }
}
