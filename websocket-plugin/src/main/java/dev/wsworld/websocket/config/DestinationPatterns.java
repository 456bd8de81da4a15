package dev.wsworld.websocket.config;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.common.config.MappingReader;
import dev.wsworld.websocket.policy.DestinationPattern;

/** Destination patterns as every section writes them: the allowlist, credentials, proxy bypass. */
final class DestinationPatterns {
    private DestinationPatterns() {}

    /** A pattern, or a mistake at its place. */
    static final MappingReader.ItemReader<DestinationPattern> READER =
            (text, location, path) -> {
                try {
                    return DestinationPattern.parse(text);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(location, path, e.getMessage());
                }
            };
}
