package com.pnhub.app.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files at the repository's root (docs, docker-compose.yml), found from whichever module directory a test runs in. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    static Path find(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
