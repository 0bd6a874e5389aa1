package com.pnhub.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a non-auditor reads of a dead letter (issue 16): the body, reason and note are free text and masked. */
class MaskedForNonAuditorsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aDeadLettersTextBodyReasonAndNoteHaveEveryPhoneNumberMasked() {
        JsonNode letter = JSON.readTree("""
                {"id": "2b7c0d1e-0000-4000-8000-000000000001", "queue": "service_exchange1_SetBlackNumber",
                 "body": "{\\"private_number\\": \\"13470110001\\", \\"userid\\": \\"74705\\", \\"telB\\": 8613900001111}",
                 "reason": "号码[13470110001]无效", "note": "same as 13900001111's", "deliveries": 1}""");
        MaskedForNonAuditors.mask(letter, false);
        assertThat(letter.get("body").asString())
                .isEqualTo("{\"private_number\": \"1347011****\", \"userid\": \"74705\", \"telB\": 861390000****}");
        assertThat(letter.get("reason").asString()).isEqualTo("号码[1347011****]无效");
        assertThat(letter.get("note").asString()).isEqualTo("same as 1390000****'s");
        assertThat(letter.get("id").asString()).isEqualTo("2b7c0d1e-0000-4000-8000-000000000001");
    }

    @Test
    void aBase64BodyHasThePhoneNumbersOfItsBytesMaskedAndEveryOtherByteKept() {
        byte[] raw = {'{', '"', 't', 'e', 'l', 'A', '"', ':', '"', '1', '3', '4', '7', '0', '1', '1', '0', '0', '0', '1', '"',
                (byte) 0xC3, (byte) 0xFF, '}'};
        JsonNode letter = JSON.readTree("{\"body\": \"" + Base64.getEncoder().encodeToString(raw) + "\", \"bodyEncoding\": \"base64\"}");
        MaskedForNonAuditors.mask(letter, false);
        byte[] masked = Base64.getDecoder().decode(letter.get("body").asString());
        assertThat(new String(masked, StandardCharsets.ISO_8859_1)).isEqualTo("{\"telA\":\"1347011****\"\u00C3\u00FF}");
        assertThat(masked).hasSize(raw.length);
    }

    @Test
    void aBase64BodyIsNotReadAsTextWithoutItsMark() {
        // base64 of "13470110001" is not itself masked text, and a text body is never decoded
        String text = "MTM0NzAxMTAwMDE=";
        JsonNode letter = JSON.readTree("{\"body\": \"" + text + "\"}");
        MaskedForNonAuditors.mask(letter, false);
        assertThat(letter.get("body").asString()).isEqualTo(text);
    }
}
