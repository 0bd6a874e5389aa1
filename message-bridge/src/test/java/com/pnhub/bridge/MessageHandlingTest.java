package com.pnhub.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.pnhub.api.agents.AgentProfileUpdatedEvent;
import com.pnhub.api.errors.BusinessRuleException;
import com.pnhub.api.errors.ErrorCode;
import com.pnhub.api.rules.NumberRules;
import com.pnhub.api.values.PhoneNumber;
import com.pnhub.api.values.UserId;
import com.pnhub.bridge.inbound.AgentPhoneChangeHandler;
import com.pnhub.bridge.inbound.BridgeMetrics;
import com.pnhub.bridge.inbound.ClientUnbindHandler;
import com.pnhub.bridge.inbound.DeadLetterPublisher;
import com.pnhub.bridge.inbound.InboundHandler;
import com.pnhub.bridge.inbound.MessageFields;
import com.pnhub.bridge.inbound.QueueListener;
import com.pnhub.bridge.inbound.SetBlackNumberHandler;
import com.pnhub.bridge.publish.EventPublisher;
import com.pnhub.command.gateway.BlacklistOperations;
import com.pnhub.command.gateway.RequestContext;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;

class MessageHandlingTest {

    @Test
    void routingKeyIsContextDotSimpleName() {
        assertThat(EventPublisher.routingKey(AgentProfileUpdatedEvent.class)).isEqualTo("agents.AgentProfileUpdatedEvent");
    }

    @Test
    void setBlackNumberAcceptsIdsAsNumbersOrStrings() {
        SetBlackNumberHandler h = new SetBlackNumberHandler(null);
        SetBlackNumberHandler.SetBlackNumber a = h.parse(fields(
                "{\"platId\": 3, \"private_number\": \"13470110001\", \"action\": \"add\", \"userid\": \"74705\", \"type\": 0}"));
        SetBlackNumberHandler.SetBlackNumber b = h.parse(fields(
                "{\"platId\": \"3\", \"private_number\": 13470110001, \"action\": \"DELETE\", \"userid\": 74705, \"type\": \"1\"}"));
        assertThat(a).isEqualTo(new SetBlackNumberHandler.SetBlackNumber(3, "13470110001", BlacklistOperations.Action.ADD, "74705", 0));
        assertThat(b).isEqualTo(new SetBlackNumberHandler.SetBlackNumber(3, "13470110001", BlacklistOperations.Action.DELETE, "74705", 1));
    }

    @Test
    void failuresNameTheField() {
        SetBlackNumberHandler h = new SetBlackNumberHandler(null);
        assertThatThrownBy(() -> h.parse(fields("{\"platId\": 3.5}"))).hasMessageContaining("参数[platId]无效");
        assertThatThrownBy(() -> h.parse(fields("{\"platId\": true}"))).hasMessageContaining("参数[platId]无效");
        assertThatThrownBy(() -> h.parse(fields("{\"platId\": 3, \"private_number\": [1]}"))).hasMessageContaining("参数[private_number]无效");
        assertThatThrownBy(() -> h.parse(fields("{\"platId\": 3, \"private_number\": \" \"}"))).hasMessageContaining("缺少参数[private_number]");
        assertThatThrownBy(() -> MessageFields.parse("{} trailing".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("参数[body]无效");
        assertThatThrownBy(() -> MessageFields.parse(new byte[0])).hasMessageContaining("参数[body]无效: 消息体为空");
    }

    @Test
    void operatorUserWithOrWithoutTheColonAndOptionalOldPhone() {
        AgentPhoneChangeHandler h = new AgentPhoneChangeHandler(null, NumberRules.defaults());
        assertThat(h.parse(fields("{\"userId\": \"1\", \"newPhone\": \"13812345678\", \"oldPhone\": \"13998765432\", \"operatorUser:\": \"9\"}")))
                .isEqualTo(new AgentPhoneChangeHandler.PhoneChange(new UserId("1"), new PhoneNumber("13812345678"),
                        new PhoneNumber("13998765432"), "9"));
        assertThat(h.parse(fields("{\"userId\": 1, \"newPhone\": \"13812345678\", \"operatorUser\": 9}")))
                .isEqualTo(new AgentPhoneChangeHandler.PhoneChange(new UserId("1"), new PhoneNumber("13812345678"), null, "9"));
    }

    @Test
    void malformedValuesAreRefusedWhenParsedNamingTheField() {
        AgentPhoneChangeHandler phones = new AgentPhoneChangeHandler(null, NumberRules.defaults());
        assertThatThrownBy(() -> phones.parse(fields("{\"userId\": \"x1\", \"newPhone\": \"13812345678\"}")))
                .hasMessageContaining("参数[userId]无效: 必须是整数");
        assertThatThrownBy(() -> phones.parse(fields("{\"userId\": \"1\", \"newPhone\": \"17111526089\"}")))
                .hasMessageContaining("参数[newPhone]无效: 不是有效的真实号码");
        assertThatThrownBy(() -> phones.parse(fields("{\"userId\": \"1\", \"newPhone\": \"13812345678\", \"oldPhone\": \"12\"}")))
                .hasMessageContaining("参数[oldPhone]无效: 不是有效的真实号码");
        // a missing field is still reported before a malformed one
        assertThatThrownBy(() -> phones.parse(fields("{\"userId\": \"x1\"}"))).hasMessageContaining("缺少参数[newPhone]");
        assertThatThrownBy(() -> new SetBlackNumberHandler(null).parse(fields(
                "{\"platId\": 3, \"private_number\": \"13470110001\", \"action\": \"add\", \"userid\": \"1;DROP\", \"type\": 0}")))
                .hasMessageContaining("参数[userid]无效: 必须是整数");
        assertThatThrownBy(() -> new ClientUnbindHandler(null, NumberRules.defaults()).parse(fields(
                "{\"platId\": 3, \"telA\": \"17111526089\", \"telX\": \"17111526089\", \"telB\": \"1370005****\", \"subId\": 1}")))
                .hasMessageContaining("参数[telA]无效: 不是有效的真实号码");
    }

    @Test
    void clientUnbindTakesTheContractExample() {
        assertThat(new ClientUnbindHandler(null, NumberRules.defaults()).parse(fields(
                "{\"platId\": 3, \"telA\": \"1347011****\", \"telX\": \"17111526089\", \"telB\": \"1370005****\", \"subId\": 1000039976446302}")))
                .isEqualTo(new ClientUnbindHandler.ClientUnbind(3, "1347011****", "17111526089", "1370005****", "1000039976446302"));
    }

    @Test
    void clientUnbindTakesAnErasedAOrB() {
        assertThat(new ClientUnbindHandler(null, NumberRules.defaults()).parse(fields(
                "{\"platId\": 3, \"telA\": \"erased\", \"telX\": \"17111526089\", \"telB\": \"erased\", \"subId\": \"s1\"}")))
                .isEqualTo(new ClientUnbindHandler.ClientUnbind(3, "erased", "17111526089", "erased", "s1"));
    }

    @Test
    void theMessageIdBecomesTheRequestIdTheChannelIsMessageAndTheSourceIsKept() {
        AtomicReference<RequestContext> seen = new AtomicReference<>();
        handler(ctx -> {
            seen.set(ctx);
            return List.of();
        }).handle("{}".getBytes(StandardCharsets.UTF_8), "abc123", "queue q1");
        assertThat(seen.get().requestId()).isEqualTo("abc123");
        assertThat(seen.get().channel().name()).isEqualTo("MESSAGE");
        assertThat(seen.get().asMetadata()).containsEntry("source", "queue q1");
    }

    @Test
    void successIsAckedAfterTheOperation() throws Exception {
        Channel channel = mock(Channel.class);
        DeadLetterPublisher dlq = mock(DeadLetterPublisher.class);
        listener(ctx -> List.of(), dlq, 3).onMessage(message("m1"), channel);
        verify(channel).basicAck(7L, false);
        verify(dlq, never()).deadLetter(anyString(), any(), anyString(), anyString(), anyInt());
    }

    @Test
    void aBusinessRefusalIsDeadLetteredThenAcked() throws Exception {
        Channel channel = mock(Channel.class);
        DeadLetterPublisher dlq = mock(DeadLetterPublisher.class);
        listener(ctx -> {
            throw new BusinessRuleException(ErrorCode.NUMBER_NOT_FOUND, "17111526089");
        }, dlq, 3).onMessage(message("m2"), channel);
        verify(dlq).deadLetter(eq("q"), any(), eq("号码[17111526089]不存在"), eq("NUMBER_NOT_FOUND"), eq(1));
        verify(channel).basicAck(7L, false);
    }

    @Test
    void transientFailuresAreRequeuedThenDeadLetteredAfterMaxDeliveries() throws Exception {
        Channel channel = mock(Channel.class);
        DeadLetterPublisher dlq = mock(DeadLetterPublisher.class);
        QueueListener l = listener(ctx -> {
            throw new BusinessRuleException(ErrorCode.PROVIDER_UNAVAILABLE, "3", "timeout");
        }, dlq, 2);
        l.onMessage(message("m3"), channel);
        verify(channel).basicReject(7L, true);
        verify(channel, never()).basicAck(7L, false);
        l.onMessage(message("m3"), channel);
        verify(dlq).deadLetter(eq("q"), any(), eq("gave up after 2 attempts: 供应商暂不可用[3]: timeout"),
                eq("PROVIDER_UNAVAILABLE"), eq(2));
        verify(channel).basicAck(7L, false);
    }

    @Test
    void aFailedDeadLetterPublishRequeuesInsteadOfAcking() throws Exception {
        Channel channel = mock(Channel.class);
        DeadLetterPublisher dlq = mock(DeadLetterPublisher.class);
        doThrow(new IllegalStateException("broker down")).when(dlq).deadLetter(anyString(), any(), anyString(), anyString(), anyInt());
        listener(ctx -> {
            throw new BusinessRuleException(ErrorCode.MISSING_PARAMETER, "x");
        }, dlq, 3).onMessage(message("m4"), channel);
        verify(channel).basicReject(7L, true);
        verify(channel, never()).basicAck(7L, false);
    }

    private static QueueListener listener(Function<RequestContext, List<?>> op, DeadLetterPublisher dlq, int max) {
        return new QueueListener(handler(op), dlq, List.of(Duration.ofMillis(1)), max, new BridgeMetrics(new SimpleMeterRegistry()));
    }

    private static Message message(String id) {
        MessageProperties p = new MessageProperties();
        p.setMessageId(id);
        p.setDeliveryTag(7L);
        return new Message("{}".getBytes(StandardCharsets.UTF_8), p);
    }

    private static InboundHandler<String> handler(Function<RequestContext, List<?>> op) {
        return new InboundHandler<>() {
            @Override
            public String queue() {
                return "q";
            }

            @Override
            public int defaultConcurrency() {
                return 1;
            }

            @Override
            public String parse(MessageFields fields) {
                return "m";
            }

            @Override
            protected String operator(String message) {
                return "op";
            }

            @Override
            protected List<?> apply(String message, RequestContext context) {
                return op.apply(context);
            }
        };
    }

    private static MessageFields fields(String json) {
        return MessageFields.parse(json.getBytes(StandardCharsets.UTF_8));
    }
}
