package dev.wsworld.hostsupport.yaml;

import dev.wsworld.common.text.TerminalText;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The host's YAML writer (saved worlds, consent decisions). A string holding a control character, a
 * line or paragraph separator, NEL or a byte-order mark is written double-quoted, where SnakeYAML
 * escapes each of them: in any other style YAML reads NEL, U+2028 and U+2029 back as line breaks,
 * and a world would not come back as it was saved.
 */
public final class YamlWriter {
    private YamlWriter() {}

    /**
     * A SnakeYAML writer that quotes what must be quoted.
     *
     * @param options the layout (flow or block style, width …)
     * @return the writer
     */
    public static Yaml create(DumperOptions options) {
        return new Yaml(new EscapingRepresenter(options), options);
    }

    static boolean needsEscapes(String text) {
        return !TerminalText.isSafe(text) || text.indexOf('\uFEFF') >= 0;
    }

    private static final class EscapingRepresenter extends Representer {
        EscapingRepresenter(DumperOptions options) {
            super(options);
            representers.put(
                    String.class,
                    data -> {
                        String text = (String) data;
                        return representScalar(
                                Tag.STR,
                                text,
                                needsEscapes(text)
                                        ? DumperOptions.ScalarStyle.DOUBLE_QUOTED
                                        : defaultScalarStyle);
                    });
        }
    }
}
