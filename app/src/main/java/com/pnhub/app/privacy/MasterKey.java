package com.pnhub.app.privacy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that wraps every data key (AES-256-GCM through Tink). It is never stored with the data: it comes from the
 * environment, and losing it loses every personal field (which is what an erasure of everything would be).
 */
final class MasterKey {

    static final int KEY_BYTES = 32;

    private MasterKey() {
    }

    static Aead from(PrivacyProperties properties) {
        String encoded = properties.masterKey();
        if (encoded == null || encoded.isBlank()) {
            Path file = properties.masterKeyFile();
            if (file == null) {
                throw new IllegalStateException("pnhub.privacy.master-key (or pnhub.privacy.master-key-file) is required: "
                        + "the master key that wraps the personal-data keys (docs/privacy.md)");
            }
            encoded = read(file, properties.masterKeyFileCreate());
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pnhub.privacy master key is not base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalStateException("pnhub.privacy master key must be " + KEY_BYTES + " bytes, it has " + raw.length);
        }
        return aead(raw);
    }

    static Aead aead(byte[] raw) {
        try {
            AeadConfig.register();
            AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(KEY_BYTES).setIvSizeBytes(12)
                    .setTagSizeBytes(16).setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
            AesGcmKey key = AesGcmKey.builder().setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get())).build();
            return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary()).build()
                    .getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("pnhub.privacy master key cannot be used", e);
        }
    }

    /** A random key, base64: what {@code master-key-file-create} writes and what an operator generates. */
    static String generate() {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    private static String read(Path file, boolean create) {
        try {
            if (create && !Files.exists(file)) {
                if (file.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(file.toAbsolutePath().getParent());
                }
                try {
                    Files.writeString(Files.createFile(file), generate(), StandardCharsets.US_ASCII);
                    restrict(file);
                } catch (FileAlreadyExistsException raced) {
                    // another instance sharing the directory made it first: use its key
                }
            }
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException("pnhub.privacy.master-key-file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a file system without POSIX permissions: the directory's protection is all there is
        }
    }
}
