package com.pnhub.app.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BadInputCorpusTest {

    @Test
    void theCorpusHoldsAtLeast300CasesWithUniqueIds() {
        List<String> ids = new ArrayList<>();
        BadInputCorpus.httpCases().forEach(c -> ids.add(c.id()));
        BadInputCorpus.queueCases().forEach(c -> ids.add(c.id()));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(300).doesNotHaveDuplicates();
    }

    @Test
    void everyEndpointOfTheLegacyFacadeIsInTheGenerators() {
        assertThat(BadInputCorpus.endpoints()).extracting(BadInputCorpus.Endpoint::name).contains("BindAxNumber",
                "BindAxNumberByUserPhone", "UnBindAgentNumber", "QueryAgentNumbers", "TransferBindAccount",
                "UpdateNumberState", "ChangeBindANumber", "ReleaseTelX", "TemporaryBindNumber", "TemporaryUnBindNumber",
                "TemporaryUnBindNumberToAli", "BindAxByplatform", "UserBindLinShiNumber");
    }
}
