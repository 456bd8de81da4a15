package dev.wsworld.containers.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * The one image every peer runs: {@code FROM scratch} with Debian's websocketd and busybox and the
 * shared libraries they load, built locally because no registry can be reached. busybox serves as
 * shell, HTTP server (the 4xx and slow-handshake peers) and every program websocketd runs.
 */
public final class PeerImage {
    public static final Path WEBSOCKETD = Path.of("/usr/bin/websocketd");
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    /** A CGI program that never answers: the handshake hangs until the client gives up. */
    static final String SLOW_CGI = "#!/bin/busybox sh\nexec /bin/busybox sleep 3600\n";

    private static ImageFromDockerfile image;

    private PeerImage() {}

    public static synchronized ImageFromDockerfile get() {
        if (image == null) {
            image = build();
        }
        return image;
    }

    private static ImageFromDockerfile build() {
        for (Path binary : new Path[] {WEBSOCKETD, BUSYBOX}) {
            if (!Files.isExecutable(binary)) {
                throw new IllegalStateException(
                        binary
                                + " is missing: install Debian's websocketd and busybox-static"
                                + " (.ci/run does)");
            }
        }
        ImageFromDockerfile built =
                new ImageFromDockerfile("wsworld-test-peer", false)
                        .withFileFromString(
                                "Dockerfile",
                                "FROM scratch\nCOPY rootfs/ /\nENTRYPOINT [\"/bin/websocketd\"]\n")
                        .withFileFromPath("rootfs/bin/websocketd", WEBSOCKETD)
                        .withFileFromPath("rootfs/bin/busybox", BUSYBOX)
                        .withFileFromTransferable(
                                "rootfs/www/index.html",
                                Transferable.of("not a WebSocket endpoint\n"))
                        .withFileFromTransferable(
                                "rootfs/www/cgi-bin/slow",
                                Transferable.of(
                                        SLOW_CGI.getBytes(StandardCharsets.US_ASCII), 0100755))
                        .withFileFromTransferable("rootfs/tmp/.keep", Transferable.of(""));
        Set<Path> libraries = new LinkedHashSet<>();
        libraries.addAll(sharedLibraries(WEBSOCKETD));
        libraries.addAll(sharedLibraries(BUSYBOX));
        for (Path library : libraries) {
            built = built.withFileFromPath("rootfs" + library, library);
        }
        return built;
    }

    private static final Pattern LIBRARY = Pattern.compile("(/\\S+) \\(0x[0-9a-f]+\\)");

    /** The loader and libraries {@code ldd} lists; none for a static binary. */
    static Set<Path> sharedLibraries(Path binary) {
        Set<Path> found = new LinkedHashSet<>();
        try {
            Process ldd =
                    new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
            String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ldd.waitFor(30, TimeUnit.SECONDS)) {
                ldd.destroyForcibly();
                throw new IllegalStateException("ldd " + binary + " did not finish");
            }
            Matcher m = LIBRARY.matcher(output);
            while (m.find()) {
                // the image gets each file under the name the binary asks for, symbolic links
                // followed
                found.add(Path.of(m.group(1)));
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot list the libraries of " + binary + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while listing the libraries of " + binary, e);
        }
        return found;
    }
}
