package dev.wsworld.host.testing;

import dev.wsworld.host.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The host stub run as {@code java -jar host-stub.jar ARGS} runs it, in this JVM: standard input
 * given, standard output and error kept, the exit status returned.
 *
 * @param status the exit status
 * @param out what it printed on standard output
 * @param err what it printed on standard error
 */
public record CommandLineRun(int status, String out, String err) {

    /** Runs with nothing on standard input. */
    public static CommandLineRun of(List<String> args) {
        return withInput("", args);
    }

    public static CommandLineRun of(String... args) {
        return of(List.of(args));
    }

    /** Runs with {@code stdin} piped to standard input (not a terminal). */
    public static CommandLineRun withInput(String stdin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status =
                Main.run(
                        args.toArray(String[]::new),
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        false);
        return new CommandLineRun(
                status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Both streams, for a failure message. */
    public String both() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }
}
