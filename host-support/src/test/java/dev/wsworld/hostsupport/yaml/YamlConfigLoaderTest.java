package dev.wsworld.hostsupport.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class YamlConfigLoaderTest {
    private final YamlConfigLoader loader = new YamlConfigLoader();

    private ConfigNode parse(String yaml) throws ConfigException {
        return loader.parse("test.yaml", new StringReader(yaml));
    }

    @Test
    void nodesKnowTheirLineAndColumnAndQuoting() throws Exception {
        ConfigNode.Mapping root = (ConfigNode.Mapping) parse("a:\n  b: \"2\"\n  c: 2\n  d: ~\n");
        ConfigNode.Mapping a = (ConfigNode.Mapping) root.entries().get("a");
        ConfigNode.Scalar b = (ConfigNode.Scalar) a.entries().get("b");
        assertEquals("2", b.text());
        assertTrue(b.quoted());
        assertFalse(((ConfigNode.Scalar) a.entries().get("c")).quoted());
        assertTrue(((ConfigNode.Scalar) a.entries().get("d")).isNull());
        assertEquals(2, b.location().line());
        assertEquals(6, b.location().column());
        assertEquals(3, a.keyLocation("c").line());
        assertEquals(3, a.keyLocation("c").column());
    }

    @Test
    void duplicateKeysAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("a: 1\nb: 2\na: 3\n"));
        assertEquals("test.yaml:3:1: a: duplicate key (first at line 1)", e.getMessage());
    }

    @Test
    void typeTagsAreRefused() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                parse(
                                        "x: !!javax.script.ScriptEngineManager"
                                                + " [!!java.net.URLClassLoader [[!!java.net.URL"
                                                + " [\"http://127.0.0.1/\"]]]]\n"));
        assertTrue(e.getMessage().startsWith("test.yaml:1:4: "), e.getMessage());
        assertTrue(
                e.getMessage().contains("tag") && e.getMessage().contains("not allowed"),
                e.getMessage());
    }

    @Test
    void localTagsAreRefusedToo() {
        ConfigException e =
                assertThrows(ConfigException.class, () -> parse("a:\n  b: !secret 5\n"));
        assertEquals(
                "test.yaml:2:6: a.b: tag '!secret' is not allowed; write plain values",
                e.getMessage());
    }

    @Test
    void aBillionLaughsDocumentIsRefused() {
        StringBuilder doc =
                new StringBuilder(
                        "a0: &a0"
                            + " [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            doc.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                doc.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            doc.append("]\n");
        }
        ConfigException e = assertThrows(ConfigException.class, () -> parse(doc.toString()));
        assertTrue(
                e.getMessage().contains("aliases") || e.getMessage().contains("nodes"),
                e.getMessage());
    }

    @Test
    void moderateAliasesStillWork() throws Exception {
        ConfigNode.Mapping root = (ConfigNode.Mapping) parse("base: &b [1, 2]\ncopy: *b\n");
        assertEquals(2, ((ConfigNode.Sequence) root.entries().get("copy")).items().size());
    }

    @Test
    void anEmptyDocumentIsAnEmptyMapping() throws Exception {
        assertTrue(((ConfigNode.Mapping) parse("")).entries().isEmpty());
    }
}
