package com.pnhub.command.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.pnhub.api.agents.AgentPhoneChangedEvent;
import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.agents.ChangeAgentPhoneCommand;
import com.pnhub.api.agents.UpdateAgentProfileCommand;
import com.pnhub.command.gateway.AgentDirectory;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentTest {

    static final String USER = "51218";
    static final String NAME = "张三";
    static final String PHONE = "13470110001";
    static final String NEW_PHONE = "13470110002";

    private FixtureConfiguration<Agent> fixture;
    private InMemoryAgentDirectory directory;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Agent.class);
        directory = new InMemoryAgentDirectory();
        fixture.registerInjectableResource(directory);
    }

    @Test
    void canCreateAnAgentThatDoesNotExistYet() {
        fixture.givenNoPriorActivity()
                .when(new UpdateAgentProfileCommand(USER, NAME, PHONE))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null));
        assertThat(directory.find(USER)).contains(new AgentDirectory.Entry(USER, NAME, PHONE));
    }

    @Test
    void canRenameAnAgentWithoutAPreviousPhone() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null))
                .when(new UpdateAgentProfileCommand(USER, "李四", PHONE))
                .expectEvents(new AgentProfileUpdatedEvent(USER, "李四", PHONE, null));
        assertThat(directory.find(USER)).contains(new AgentDirectory.Entry(USER, "李四", PHONE));
    }

    @Test
    void canChangeThePhoneAndRememberThePreviousOne() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null))
                .when(new UpdateAgentProfileCommand(USER, NAME, NEW_PHONE))
                .expectEvents(new AgentProfileUpdatedEvent(USER, NAME, NEW_PHONE, PHONE));
        assertThat(directory.find(USER)).contains(new AgentDirectory.Entry(USER, NAME, NEW_PHONE));
    }

    @Test
    void canChangeThePhoneTwiceAndRememberTheLatestPreviousOne() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null),
                        new AgentProfileUpdatedEvent(USER, NAME, NEW_PHONE, PHONE))
                .when(new UpdateAgentProfileCommand(USER, NAME, "13470110003"))
                .expectEvents(new AgentProfileUpdatedEvent(USER, NAME, "13470110003", NEW_PHONE));
    }

    @Test
    void canIgnoreAnIdenticalUpdate() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null))
                .when(new UpdateAgentProfileCommand(USER, NAME, PHONE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(directory.saves()).isEmpty();
    }

    // ---- change of phone (MQ176) ----

    static final String MIS = "mis";
    static final String OTHER_PHONE = "13470110009";

    @Test
    void canChangeThePhoneOfAKnownAgent() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null))
                .when(new ChangeAgentPhoneCommand(USER, NEW_PHONE, PHONE, MIS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AgentPhoneChangedEvent(USER, PHONE, NEW_PHONE, PHONE, true, MIS));
        assertThat(directory.saves()).containsExactly(new AgentDirectory.Entry(USER, NAME, NEW_PHONE));
        assertThat(directory.find(USER)).contains(new AgentDirectory.Entry(USER, NAME, NEW_PHONE));
    }

    @Test
    void canChangeThePhoneWhenTheReportedOldPhoneDoesNotMatch() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null))
                .when(new ChangeAgentPhoneCommand(USER, NEW_PHONE, OTHER_PHONE, MIS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AgentPhoneChangedEvent(USER, PHONE, NEW_PHONE, OTHER_PHONE, false, MIS));
        assertThat(directory.find(USER)).contains(new AgentDirectory.Entry(USER, NAME, NEW_PHONE));
    }

    @Test
    void canChangeThePhoneWithoutAReportedOldPhone() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null))
                .when(new ChangeAgentPhoneCommand(USER, NEW_PHONE, null, MIS))
                .expectEvents(new AgentPhoneChangedEvent(USER, PHONE, NEW_PHONE, null, true, MIS));
    }

    @Test
    void canChangeThePhoneTwiceAndCompareWithTheLatestPhone() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null),
                        new AgentPhoneChangedEvent(USER, PHONE, NEW_PHONE, PHONE, true, MIS))
                .when(new ChangeAgentPhoneCommand(USER, OTHER_PHONE, NEW_PHONE, MIS))
                .expectEvents(new AgentPhoneChangedEvent(USER, NEW_PHONE, OTHER_PHONE, NEW_PHONE, true, MIS));
        assertThat(directory.find(USER)).contains(new AgentDirectory.Entry(USER, NAME, OTHER_PHONE));
    }

    @Test
    void canIgnoreAChangeToThePhoneTheAgentAlreadyHas() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null))
                .when(new ChangeAgentPhoneCommand(USER, PHONE, OTHER_PHONE, MIS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(directory.saves()).isEmpty();
    }

    @Test
    void canIgnoreARepeatedChangeOfPhone() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null),
                        new AgentPhoneChangedEvent(USER, PHONE, NEW_PHONE, PHONE, true, MIS))
                .when(new ChangeAgentPhoneCommand(USER, NEW_PHONE, PHONE, MIS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(directory.saves()).isEmpty();
    }

    @Test
    void canIgnoreAProfileUpdateThatRepeatsAChangedPhone() {
        fixture.given(new AgentProfileUpdatedEvent(USER, NAME, PHONE, null),
                        new AgentPhoneChangedEvent(USER, PHONE, NEW_PHONE, PHONE, true, MIS))
                .when(new UpdateAgentProfileCommand(USER, NAME, NEW_PHONE))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void canCreateAnUnknownAgentWithTheNewPhone() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAgentPhoneCommand(USER, NEW_PHONE, PHONE, MIS))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AgentPhoneChangedEvent(USER, null, NEW_PHONE, PHONE, false, MIS));
        assertThat(directory.find(USER)).contains(new AgentDirectory.Entry(USER, null, NEW_PHONE));
    }

    @Test
    void canCreateAnUnknownAgentWithoutAReportedOldPhone() {
        fixture.givenNoPriorActivity()
                .when(new ChangeAgentPhoneCommand(USER, NEW_PHONE, null, MIS))
                .expectEvents(new AgentPhoneChangedEvent(USER, null, NEW_PHONE, null, true, MIS));
    }

    @Test
    void canKnowAnAgentCreatedByAChangeOfPhone() {
        fixture.given(new AgentPhoneChangedEvent(USER, null, NEW_PHONE, null, true, MIS))
                .when(new ChangeAgentPhoneCommand(USER, NEW_PHONE, null, MIS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
