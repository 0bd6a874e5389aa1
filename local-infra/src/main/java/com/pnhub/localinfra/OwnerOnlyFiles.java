package com.pnhub.localinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Secrets of the local servers (passwords, tokens) on disk: a file only its owner can read, from its first byte. */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /** Replaces {@code file} with one of mode 600 holding {@code content}; created so, never widened and narrowed. */
    public static Path write(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
