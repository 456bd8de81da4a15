package dev.wsworld.host.output;

import com.google.errorprone.annotations.CompileTimeConstant;
import java.util.Objects;

/**
 * One line of console output: a template written in this code, with {@code {}} where arguments go,
 * each argument rendered through {@link Shown} (escaped and bounded). The template must be a
 * compile-time constant, so text from a world can only ever be an argument, never the line itself;
 * Error Prone's {@code CompileTimeConstant} check fails the build otherwise, and an ArchUnit rule
 * keeps every other way to print out of the host stub's code.
 *
 * @param text the rendered line, safe for a terminal
 * @param style how it is shown where colours are on
 */
public record Line(String text, Style style) {
    /** Checks the parts. */
    public Line {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(style, "style");
    }

    /**
     * A line from a template and its arguments, in order.
     *
     * @throws IllegalArgumentException when the arguments do not match the placeholders
     */
    public static Line of(@CompileTimeConstant String template, Object... args) {
        StringBuilder out = new StringBuilder(template.length() + 32 * args.length);
        int used = 0;
        int from = 0;
        for (int at; (at = template.indexOf("{}", from)) >= 0; from = at + 2) {
            if (used == args.length) {
                throw new IllegalArgumentException("too few arguments for: " + template);
            }
            out.append(template, from, at).append(Shown.render(args[used++]));
        }
        if (used != args.length) {
            throw new IllegalArgumentException("too many arguments for: " + template);
        }
        return new Line(out.append(template, from, template.length()).toString(), Style.PLAIN);
    }

    /** The same line in another style. */
    public Line in(Style next) {
        return new Line(text, next);
    }
}
