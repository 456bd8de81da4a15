package dev.wsworld.websocket.config;

import dev.wsworld.api.config.ConfigException;
import dev.wsworld.api.config.ConfigNode;
import dev.wsworld.common.config.MappingReader;
import dev.wsworld.websocket.headers.Credential;
import dev.wsworld.websocket.headers.Header;
import dev.wsworld.websocket.headers.HeaderRules;
import dev.wsworld.websocket.headers.HostCredentials;
import dev.wsworld.websocket.policy.DestinationPattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The {@code credentials:} section's reader. */
final class CredentialsSection {
    private CredentialsSection() {}

    /**
     * {@code credentials}: a list of {@code {destination, headers}}, each header's value with its
     * {@code ${env:NAME}} and {@code ${file:PATH}} references replaced. A mistake names its place
     * and why, never a value.
     */
    static HostCredentials read(
            MappingReader top, Path baseDirectory, Function<String, String> environment)
            throws ConfigException {
        List<ConfigNode> items = top.items("credentials");
        List<Credential> entries = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            MappingReader entry = MappingReader.of(items.get(i), "credentials[" + i + "]");
            if (entry.node("destination").isEmpty() || entry.node("headers").isEmpty()) {
                throw new ConfigException(
                        entry.location(),
                        entry.path(),
                        "a credential needs a destination (a pattern, as in the allowlist) and"
                                + " headers (name: value)");
            }
            ConfigNode destinationNode = entry.node("destination").orElseThrow();
            DestinationPattern destination =
                    DestinationPatterns.READER.read(
                            entry.string("destination")
                                    .orElseThrow(
                                            () ->
                                                    entry.error(
                                                            "destination",
                                                            destinationNode,
                                                            "expected a destination pattern but"
                                                                    + " found nothing")),
                            destinationNode.location(),
                            entry.child("destination"));
            MappingReader headers = entry.mapping("headers");
            List<Header> read = new ArrayList<>();
            for (String name : List.copyOf(headers.keys())) {
                read.add(credentialHeader(headers, name, read, baseDirectory, environment));
            }
            if (read.isEmpty()) {
                throw new ConfigException(
                        headers.location(),
                        headers.path(),
                        "a credential needs at least one header");
            }
            Optional<String> tooMuch =
                    HeaderRules.countProblem(read.size())
                            .or(() -> HeaderRules.bytesProblem(HeaderRules.wireBytes(read)));
            if (tooMuch.isPresent()) {
                throw new ConfigException(headers.location(), headers.path(), tooMuch.get());
            }
            entry.rejectUnknownKeys();
            entries.add(new Credential(destination, read));
        }
        return new HostCredentials(entries);
    }

    /** One {@code name: value} of a credential, checked as the world's headers are. */
    private static Header credentialHeader(
            MappingReader headers,
            String name,
            List<Header> earlier,
            Path baseDirectory,
            Function<String, String> environment)
            throws ConfigException {
        Optional<String> badName = HeaderRules.nameProblem(name);
        if (badName.isPresent()) {
            throw new ConfigException(
                    headers.keyLocation(name), headers.child(name), badName.get());
        }
        if (earlier.stream().anyMatch(header -> header.named(name))) {
            throw new ConfigException(
                    headers.keyLocation(name),
                    headers.child(name),
                    "this credential names " + name + " twice (header names ignore case)");
        }
        ConfigNode node = headers.node(name).orElseThrow();
        if (!(node instanceof ConfigNode.Scalar scalar) || scalar.isNull()) {
            throw headers.error(
                    name,
                    node,
                    "expected the header's value but found "
                            + (node instanceof ConfigNode.Scalar ? "nothing" : node.kind()));
        }
        String value;
        try {
            value = SecretReferences.resolve(scalar.text(), environment, baseDirectory);
        } catch (SecretReferences.UnresolvedException e) {
            throw headers.error(name, node, e.getMessage());
        }
        Optional<String> badValue = HeaderRules.valueProblem(value);
        if (badValue.isPresent()) {
            throw headers.error(
                    name,
                    node,
                    badValue.get()
                            + (SecretReferences.refers(scalar.text())
                                    ? " (after its ${...} references were replaced)"
                                    : ""));
        }
        return new Header(name, value);
    }
}
