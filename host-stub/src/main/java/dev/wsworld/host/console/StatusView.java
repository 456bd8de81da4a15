package dev.wsworld.host.console;

import dev.wsworld.api.world.Field;
import dev.wsworld.common.text.TerminalText;
import dev.wsworld.host.HostedWorld;
import dev.wsworld.host.output.Line;
import dev.wsworld.host.output.Shown;
import dev.wsworld.hostsupport.world.SimpleComponent;
import dev.wsworld.hostsupport.world.SimpleSlot;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code status} shows: a table of every component of a world (one row each, cells escaped and
 * cut), or every field of the components at one address, one per line. Field values are shown as
 * people may see them ({@code FieldType.display}: a URL's user info masked). Update thread of the
 * world shown.
 */
final class StatusView {
    /** The table's columns. */
    static final List<String> COLUMNS =
            List.of("COMPONENT", "TYPE", "STATE", "URL", "USER", "LAST ERROR");

    /** Longest cell of the table, in code points: {@code status SLOT} shows longer values. */
    static final int MAX_CELL = 60;

    /** Longest field value {@code status SLOT} shows, in code points. */
    static final int MAX_SHOWN_VALUE = 256;

    private StatusView() {}

    /** One row per component of the world, columns aligned; {@code no components} when none. */
    static List<Line> table(HostedWorld hosted) {
        List<List<String>> rows = new ArrayList<>();
        for (SimpleSlot slot : hosted.world().slots()) {
            for (SimpleComponent component : slot.simpleComponents()) {
                String user = text(component, "_userId");
                String role = hosted.handlingRole(component).orElse("");
                rows.add(
                        List.of(
                                component.id(),
                                component.typeName()
                                        + (component.behaviour().isEmpty() ? " (inert)" : ""),
                                text(component, "State"),
                                text(component, "URL"),
                                user.isEmpty()
                                        ? ""
                                        : role.isEmpty() ? user : user + " (" + role + ")",
                                text(component, "LastError")));
            }
        }
        if (rows.isEmpty()) {
            return List.of(Line.of("no components"));
        }
        List<List<String>> shown = new ArrayList<>();
        shown.add(COLUMNS);
        for (List<String> row : rows) {
            shown.add(row.stream().map(cell -> cell.isEmpty() ? "-" : cell(cell)).toList());
        }
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : shown) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        List<Line> lines = new ArrayList<>();
        for (List<String> row : shown) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths[i] - width(row.get(i)) + 2));
                }
            }
            lines.add(Line.of("{}", line.toString()));
        }
        return lines;
    }

    /** Every field of each component, one per line, under a line naming the component. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static List<Line> fields(List<SimpleComponent> components, String address) {
        List<Line> lines = new ArrayList<>();
        for (SimpleComponent component : components) {
            lines.add(
                    component.behaviour().isEmpty()
                            ? Line.of(
                                    "{} {} (inert: no running plugin provides it)",
                                    Shown.name(component.id()),
                                    Shown.name(component.typeName()))
                            : Line.of(
                                    "{} {}",
                                    Shown.name(component.id()),
                                    Shown.name(component.typeName())));
            int width =
                    component.fields().stream()
                            .mapToInt(field -> field.name().length())
                            .max()
                            .orElse(0);
            for (Field field : component.fields()) {
                lines.add(
                        Line.of(
                                "  {}{}{}",
                                Shown.name(field.name()),
                                " ".repeat(Math.max(0, width - field.name().length()) + 2),
                                value(field.spec().type().display(field.get()))));
            }
        }
        if (lines.isEmpty()) {
            lines.add(Line.of("no components on {}", Shown.quoted(address)));
        }
        return lines;
    }

    /** A field value: quoted when it has spaces or quotes or is empty, cut past 256 characters. */
    private static Shown value(String text) {
        String shown = TerminalText.escape(text);
        int length = shown.codePointCount(0, shown.length());
        if (length > MAX_SHOWN_VALUE) {
            shown =
                    shown.substring(0, shown.offsetByCodePoints(0, MAX_SHOWN_VALUE))
                            + "\u2026 ("
                            + length
                            + " characters)";
        }
        boolean quote =
                text.isEmpty()
                        || text.chars().anyMatch(Character::isWhitespace)
                        || text.indexOf('"') >= 0;
        return Shown.text(
                quote ? '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : shown);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static String text(SimpleComponent component, String fieldName) {
        return component
                .field(fieldName)
                .map(field -> ((Field) field).spec().type().display(field.get()))
                .orElse("");
    }

    /** A table cell: escaped, and cut with an ellipsis past {@link #MAX_CELL} code points. */
    private static String cell(String text) {
        String escaped = TerminalText.escape(text);
        int length = escaped.codePointCount(0, escaped.length());
        return length <= MAX_CELL
                ? escaped
                : escaped.substring(0, escaped.offsetByCodePoints(0, MAX_CELL - 1)) + "\u2026";
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
