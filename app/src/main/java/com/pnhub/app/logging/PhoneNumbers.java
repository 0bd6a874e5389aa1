package com.pnhub.app.logging;

import java.util.regex.Pattern;

/**
 * Masks every 11-digit mobile-like number in a text as 1347011****, in every form it comes in (13470110001,
 * 8613470110001, +8613470110001, 008613470110001): phone numbers are personal data.
 */
public final class PhoneNumbers {

    private static final Pattern PHONE = Pattern.compile("(?<![\\d+])((?:\\+86|0086|86)?1\\d{6})\\d{4}(?!\\d)");

    private PhoneNumbers() {
    }

    public static String mask(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        return PHONE.matcher(text).replaceAll("$1****");
    }
}
