package dev.wsworld.host.consent;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentMemory;
import dev.wsworld.api.extension.ConsentScope;
import org.pf4j.Extension;

import java.util.Optional;

/** The host stub's {@link ConsentMemory}: the decisions file in the config directory. */
@Extension(ordinal = 0)
public final class YamlConsentMemory implements ConsentMemory {
    private final ConsentDecisionsFile file;

    public YamlConsentMemory(ConsentDecisionsFile file) {
        this.file = file;
    }

    @Override
    public Optional<ConsentAnswer> recall(ConsentScope scope) {
        return file.recall(scope);
    }

    @Override
    public void remember(ConsentScope scope, ConsentAnswer answer) {
        file.remember(scope, answer);
    }
}
