package com.pnhub.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, installed here when it is missing: Playwright's own browser download cannot reach its servers
 * from a build machine that sees only Maven Central and Debian's mirrors, and a fresh machine has no browser at all.
 */
final class Chromium {

    private static final String CJK_FONT_PACKAGE = "fonts-wqy-zenhei";
    private static final String CJK_FONT_DIR = "/usr/share/fonts/truetype/wqy";
    private static final List<Path> KNOWN = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

    private Chromium() {
    }

    static synchronized Path executable() {
        String chosen = System.getProperty("pnhub.console.chromium", System.getenv("PNHUB_CHROMIUM"));
        if (chosen != null && !chosen.isBlank()) {
            return Path.of(chosen);
        }
        List<String> missing = new java.util.ArrayList<>();
        if (KNOWN.stream().noneMatch(Files::isExecutable)) {
            missing.add("chromium");
        }
        // the pages speak Chinese (platform names, legacy messages): without a CJK font the screenshots show boxes
        if (!Files.isDirectory(Path.of(CJK_FONT_DIR))) {
            missing.add(CJK_FONT_PACKAGE);
        }
        if (!missing.isEmpty()) {
            install(missing);
        }
        return KNOWN.stream().filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("apt-get installed chromium, yet " + KNOWN + " is missing"));
    }

    private static void install(List<String> packages) {
        if (!Files.isExecutable(Path.of("/usr/bin/apt-get"))) {
            throw new IllegalStateException("no Chromium at " + KNOWN + " and no apt-get to install it: install Chromium and "
                    + "name it with -Dpnhub.console.chromium=/path/to/chromium");
        }
        List<String> sudo = "root".equals(System.getProperty("user.name")) ? List.of() : List.of("sudo", "-n");
        // the package lists of a fresh machine may be missing or stale: refresh them only when the first try fails
        List<String> install = new java.util.ArrayList<>(List.of("install", "-y", "--no-install-recommends"));
        install.addAll(packages);
        String[] args = install.toArray(String[]::new);
        if (run(sudo, args) != 0 && (run(sudo, "update") != 0 || run(sudo, args) != 0)) {
            throw new IllegalStateException("apt-get could not install " + packages + " (see target/console/apt-get.log)");
        }
    }

    private static int run(List<String> sudo, String... apt) {
        Path log = Path.of(System.getProperty("pnhub.console.output", "target/console"), "apt-get.log");
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new java.util.ArrayList<>(sudo);
            command.add("apt-get");
            command.addAll(List.of(apt));
            Files.writeString(log, "$ " + String.join(" ", command) + System.lineSeparator(), StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process process = pb.start();
            if (!process.waitFor(15, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
