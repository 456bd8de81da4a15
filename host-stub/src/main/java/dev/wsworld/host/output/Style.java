package dev.wsworld.host.output;

/** How a line is shown on a terminal that has colours; plain everywhere else. */
public enum Style {
    PLAIN,
    ERROR,
    PROMPT,
    CONNECTED,
    DISCONNECTED
}
