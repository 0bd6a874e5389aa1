package com.pnhub.app.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.pnhub.api.privacy.PhoneMask;

/** %maskedMessage: the log message with every phone number masked, whoever logged it. */
public class MaskedMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PhoneMask.inText(super.convert(event));
    }
}
