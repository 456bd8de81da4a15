package dev.wsworld.api.config;

import java.io.Reader;
import java.nio.file.Path;
import java.util.Optional;

/** The host's single front door for configuration documents. */
public interface ConfigLoader {
    /**
     * Parses a document.
     *
     * @param sourceName the name errors will show, e.g. a file path
     * @param reader the document's text
     * @return the document's tree, each node knowing its line and column
     * @throws ConfigException when the document is malformed or unsafe
     */
    ConfigNode parse(String sourceName, Reader reader) throws ConfigException;

    /**
     * Parses a file.
     *
     * @param file the file
     * @return its tree, or empty when the file does not exist
     * @throws ConfigException when the file is malformed, unsafe or unreadable
     */
    Optional<ConfigNode> load(Path file) throws ConfigException;
}
