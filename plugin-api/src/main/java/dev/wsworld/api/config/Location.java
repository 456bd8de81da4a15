package dev.wsworld.api.config;

/**
 * Where something stands in a configuration file: 1-based line and column.
 *
 * @param file name of the file as the user gave it (or a resource name)
 */
public record Location(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
