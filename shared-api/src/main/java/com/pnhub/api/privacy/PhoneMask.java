package com.pnhub.api.privacy;

import java.util.regex.Pattern;

/**
 * The one way a phone number is masked, wherever it leaves the service in a readable form: logs, reports, the
 * simulator's log, legacy queue messages, answers to roles that may not see real numbers. A mobile keeps its country
 * code (if any) and first seven digits, the last four become {@code ****}: {@code 13470110001} →
 * {@code 1347011****}, {@code +8613470110001} → {@code +861347011****}. Phone numbers are personal data.
 */
public final class PhoneMask {

    public static final String STARS = "****";

    /** An 11-digit mobile (1 and ten digits), with or without a country code, not inside a longer digit run. */
    private static final Pattern MOBILE_IN_TEXT = Pattern.compile("(?<![\\d+])((?:\\+86|0086|86)?1\\d{6})\\d{4}(?!\\d)");
    private static final Pattern MOBILE = Pattern.compile("((?:\\+86|0086|86)?1\\d{6})\\d{4}");

    private PhoneMask() {
    }

    /**
     * One number (a value, not a text). A mobile as above; any other value (a government short number, a fixed line,
     * garbage) keeps at most its first seven characters and never more than all but four, then {@code ****}:
     * {@code 12345} → {@code 1****}, {@code 110} → {@code ****}. Null stays null, {@link PersonalData#ERASED} too.
     */
    public static String number(String value) {
        if (value == null || PersonalData.ERASED.equals(value)) {
            // an erased number is no number: nothing of it to hide, and the answer should say what happened
            return value;
        }
        var mobile = MOBILE.matcher(value);
        if (mobile.matches()) {
            return mobile.group(1) + STARS;
        }
        return value.substring(0, Math.max(0, Math.min(7, value.length() - 4))) + STARS;
    }

    /**
     * Every mobile number in a free text (a log line, an error message, a dead letter's body), masked as
     * {@link #number}; everything else, other digit runs included (ids, subscription ids), stays as it is.
     */
    public static String inText(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        return MOBILE_IN_TEXT.matcher(text).replaceAll("$1" + STARS);
    }
}
