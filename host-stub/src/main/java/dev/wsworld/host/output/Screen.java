package dev.wsworld.host.output;

/**
 * Where console lines go: standard output or error, or the terminal above the line being typed.
 * Lines only: nothing else can be printed.
 */
public interface Screen {
    /** Shows one line. */
    void show(Line line);
}
