package com.pnhub.app.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.pnhub.api.privacy.PhoneMask;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** %maskedEx: a stack trace whose exception messages may quote a request: phone numbers masked. */
public class MaskedThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PhoneMask.inText(super.convert(event));
    }
}
