package dev.wsworld.containers.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Runs a container test class only with a Docker engine. Without one the class is skipped with a
 * message saying how to get one, except under CI ({@code CI=true}), where the suite must run and a
 * missing engine fails it instead.
 */
public final class DockerRequired implements ExecutionCondition {
    private static final Logger LOG = LoggerFactory.getLogger(DockerRequired.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return ConditionEvaluationResult.enabled("a Docker engine is reachable");
        }
        String missing = "no Docker engine is reachable (DOCKER_HOST or /var/run/docker.sock)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException(
                    "CI=true: the container suite must run, but "
                            + missing
                            + "; .ci/run installs docker.io and starts 'dockerd --bridge=none"
                            + " --iptables=false'");
        }
        String skipped =
                "SKIPPED "
                        + context.getDisplayName()
                        + ": "
                        + missing
                        + ". Outside CI the container suite is skipped; start an engine as .ci/run"
                        + " does to run it (docs/tests.md).";
        LOG.warn(skipped);
        return ConditionEvaluationResult.disabled(skipped);
    }
}
