package com.pnhub.app;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.pnhub.facade.legacy.LegacyEnvelope;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

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
    void theFacadeReachesTheCommandSideOnlyThroughItsGateway() {
        // the request-level operations (allocate, dispatch, wait for the saga's outcome) and CommandDispatcher, which
        // sends the aggregate-level commands: ADR 0023
        noClasses().that().resideInAPackage("com.pnhub.facade..")
                .should().dependOnClassesThat(resideInAPackage("com.pnhub.command..")
                        .and(not(resideInAnyPackage("com.pnhub.command.gateway..", "com.pnhub.command.support.validation.."))))
                .check(classes);
    }

    @Test
    void theFacadeAsksTheQuerySideOnlyThroughTheQueryGateway() {
        // queries and their answers are shared-api records; no projection, query class or read-model table
        noClasses().that().resideInAPackage("com.pnhub.facade..")
                .should().dependOnClassesThat().resideInAPackage("com.pnhub.query..")
                .check(classes);
    }

    @Test
    void theFacadeNeverTouchesJdbcTheEventStoreAggregatesOrSagas() {
        noClasses().that().resideInAPackage("com.pnhub.facade..")
                .should().dependOnClassesThat(resideInAnyPackage("org.springframework.jdbc..", "java.sql..", "javax.sql..",
                                "org.axonframework.modelling.saga..", "org.axonframework.eventsourcing..")
                        .or(assignableTo(EventStore.class)).or(assignableTo(EventStorageEngine.class))
                        .or(assignableTo(Repository.class)))
                .check(classes);
    }

    @Test
    void neitherSideKnowsTheFacade() {
        noClasses().that().resideInAnyPackage("com.pnhub.command..", "com.pnhub.query..", "com.pnhub.api..")
                .should().dependOnClassesThat().resideInAPackage("com.pnhub.facade..")
                .check(classes);
    }

    @Test
    void theCommandSideServesNoHttp() {
        // its HTTP entries are the facade's; the gateway is plain Java
        noClasses().that().resideInAPackage("com.pnhub.command..")
                .should().beAnnotatedWith(RestController.class).orShould().beAnnotatedWith(Controller.class)
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.web..")
                .check(classes);
    }

    /** Axon's configuration, which must name the aggregate and the sagas to register, cache and upcast them. */
    private static final Set<String> AXON_CONFIGURATION = Set.of(
            "com.pnhub.app.config.AxonStorageConfig",
            "com.pnhub.app.config.FreshAggregateCache",
            "com.pnhub.app.config.WriteModelRevision2Upcaster", "com.pnhub.app.config.AggregateNumberStateMachine",
            "com.pnhub.app.processing.SagaRegistration");

    @Test
    void aggregatesAreReferencedOnlyInTheirOwnPackage() {
        classes().that(aggregates())
                .should(beReferencedOnlyFromTheirOwnPackageOr(AXON_CONFIGURATION))
                .check(classes);
    }

    @Test
    void sagasAreReferencedOnlyInTheirOwnPackage() {
        classes().that(sagas())
                .should(beReferencedOnlyFromTheirOwnPackageOr(AXON_CONFIGURATION))
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> aggregates() {
        // Spring's @Aggregate carries @AggregateRoot
        return DescribedPredicate.describe("aggregates",
                c -> c.isAnnotatedWith(AggregateRoot.class) || c.isMetaAnnotatedWith(AggregateRoot.class));
    }

    private static DescribedPredicate<JavaClass> sagas() {
        return DescribedPredicate.describe("sagas", c -> c.isAnnotatedWith("org.axonframework.spring.stereotype.Saga")
                || c.getMethods().stream().anyMatch(m -> m.isAnnotatedWith(SagaEventHandler.class)));
    }

    /** The aggregate or saga class itself: its nested views (PrivateNumber.View) are what it shows the others. */
    private static ArchCondition<JavaClass> beReferencedOnlyFromTheirOwnPackageOr(Set<String> allowed) {
        return new ArchCondition<>("be referenced only from their own package or " + allowed) {
            @Override
            public void check(JavaClass target, ConditionEvents events) {
                for (Dependency d : target.getDirectDependenciesToSelf()) {
                    JavaClass origin = d.getOriginClass();
                    String top = origin.getName().replaceAll("\\$.*", "");
                    if (!origin.getPackageName().equals(target.getPackageName()) && !allowed.contains(top)) {
                        events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                    }
                }
            }
        };
    }

    @Test
    void onlyTheLegacyFacadesKnowTheLegacyEnvelope() {
        // the legacy HTTP API, the message platform's HTTP push entry, which answers the same envelope, and the
        // legacy door, which refuses a caller in it
        noClasses().that().resideOutsideOfPackages("com.pnhub.facade.legacy..", "com.pnhub.bridge.http..")
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
        // com.pnhub.facade.. is outside com.pnhub.command.., so the facade is held to this too
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
