package com.pnhub.app.privacy;

import com.google.crypto.tink.Aead;
import com.pnhub.api.privacy.PersonalData.Subject;
import com.pnhub.api.privacy.PersonalData;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * One personal field as it is stored: {@code pd1:<key id>:<base64url of Tink's AES-256-GCM ciphertext>}. A stored value
 * without the prefix is an event written before issue 15 (or with encryption off) and reads as it is; one whose key was
 * destroyed reads as {@link PersonalData#ERASED}.
 */
public class PersonalDataCipher {

    static final String PREFIX = "pd1:";
    private static final byte[] ASSOCIATED_DATA = PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_ID_LENGTH = 36;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final PersonalDataKeys keys;
    private final boolean encrypting;

    public PersonalDataCipher(PersonalDataKeys keys, boolean encrypting) {
        this.keys = keys;
        this.encrypting = encrypting;
    }

    /** A phone number, under its own key. */
    public String encrypt(Subject subject, String value) {
        return encrypt(subject, value, value);
    }

    /** {@code value} under the key named {@code keyName}: the number itself, or {@link PersonalData#ownerKey}. */
    public String encrypt(Subject subject, String value, String keyName) {
        if (!encrypting || value == null || value.isEmpty() || PersonalData.ERASED.equals(value) || isEncrypted(value)) {
            return value;
        }
        PersonalDataKeys.DataKey key = keys.keyFor(subject, keyName);
        try {
            byte[] sealed = key.aead().encrypt(value.getBytes(StandardCharsets.UTF_8), ASSOCIATED_DATA);
            return PREFIX + key.id() + ':' + ENCODER.encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a personal field cannot be encrypted", e);
        }
    }

    public String decrypt(String stored) {
        if (!isEncrypted(stored)) {
            return stored;
        }
        UUID keyId;
        byte[] sealed;
        try {
            keyId = UUID.fromString(stored.substring(PREFIX.length(), PREFIX.length() + KEY_ID_LENGTH));
            sealed = DECODER.decode(stored.substring(PREFIX.length() + KEY_ID_LENGTH + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("a stored personal field is malformed", e);
        }
        Optional<Aead> key = keys.keyById(keyId);
        if (key.isEmpty()) {
            return PersonalData.ERASED;
        }
        try {
            return new String(key.get().decrypt(sealed, ASSOCIATED_DATA), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored personal field does not decrypt with its key " + keyId, e);
        }
    }

    public static boolean isEncrypted(String value) {
        return value != null && value.startsWith(PREFIX);
    }
}
