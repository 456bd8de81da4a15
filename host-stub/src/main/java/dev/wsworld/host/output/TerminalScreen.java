package dev.wsworld.host.output;

import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * Lines on an interactive terminal, each printed above the line being typed (JLine redraws the
 * prompt and the half-typed line below it), coloured by {@link Style} when the terminal has colours
 * and {@code NO_COLOR} is unset. Any thread.
 */
public final class TerminalScreen implements Screen {
    private final Terminal terminal;
    private final LineReader reader;
    private final boolean colour;

    public TerminalScreen(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
        this.colour =
                System.getenv("NO_COLOR") == null
                        && !Terminal.TYPE_DUMB.equals(terminal.getType())
                        && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    @Override
    public void show(Line line) {
        reader.printAbove(styled(line));
    }

    /** A plain line printed above the prompt, as it came: for the logging backend's own lines. */
    void showRaw(String safeText) {
        reader.printAbove(safeText);
    }

    private String styled(Line line) {
        if (!colour || line.style() == Style.PLAIN) {
            return line.text();
        }
        AttributedStyle style =
                switch (line.style()) {
                    case ERROR -> AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
                    case PROMPT -> AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
                    case CONNECTED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
                    case DISCONNECTED -> AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
                    case PLAIN -> AttributedStyle.DEFAULT;
                };
        return new AttributedStringBuilder().style(style).append(line.text()).toAnsi(terminal);
    }
}
