package dev.wsworld.websocket.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.api.extension.ConsentAnswer;
import dev.wsworld.api.extension.ConsentMemory;
import dev.wsworld.api.extension.ConsentPrompt;
import dev.wsworld.api.extension.ConsentRequest;
import dev.wsworld.api.extension.ConsentScope;
import dev.wsworld.websocket.testing.FakeWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class ConsentGateTest {
    private final FakeWorld world = new FakeWorld();
    private final FakeWorld.FakeUser alice = world.user("alice", true);
    private final List<ConsentRequest> asked = new ArrayList<>();
    private final List<CompletableFuture<ConsentAnswer>> answers = new ArrayList<>();
    private final List<ConsentRequest> withdrawn = new ArrayList<>();
    private final ConsentPrompt prompt =
            new ConsentPrompt() {
                @Override
                public CompletionStage<ConsentAnswer> ask(ConsentRequest request) {
                    asked.add(request);
                    CompletableFuture<ConsentAnswer> answer = new CompletableFuture<>();
                    answers.add(answer);
                    return answer;
                }

                @Override
                public void withdraw(ConsentRequest request) {
                    withdrawn.add(request);
                }
            };
    private long now = 1_000_000_000L;
    private final ConsentGate gate = new ConsentGate(() -> List.of(prompt), List::of, 3, () -> now);

    /** Another world of the same host, where the same person is present too. */
    private final FakeWorld otherWorld = new FakeWorld();

    private final FakeWorld.FakeUser aliceThere = otherWorld.user("alice", true);

    private ConsentRequest request(String scheme, String host, int port) {
        return new ConsentRequest(world, alice, "lamp", "room/lamp", scheme, host, port, "why");
    }

    private ConsentRequest inOtherWorld(String scheme, String host, int port) {
        return new ConsentRequest(
                otherWorld, aliceThere, "lamp", "room/lamp", scheme, host, port, "why");
    }

    @Test
    void eachWorldGetsItsOwnPromptAndAOneTimeAllowGrantsOnlyWhatWaitedForIt() {
        CompletionStage<ConsentAnswer> here = gate.ask(request("wss", "h", 443), "lamp");
        CompletionStage<ConsentAnswer> there = gate.ask(inOtherWorld("wss", "h", 443), "lamp");
        assertEquals(2, asked.size(), "the same person is asked in each world that asks");
        assertSame(world, asked.get(0).world());
        assertSame(otherWorld, asked.get(1).world());
        answers.get(0).complete(ConsentAnswer.GRANTED_ONCE);
        assertEquals(ConsentAnswer.GRANTED_ONCE, here.toCompletableFuture().join());
        assertFalse(
                there.toCompletableFuture().isDone(),
                "an allow in one world must not answer the other world's prompt");
        assertEquals(Optional.empty(), gate.remembered(inOtherWorld("wss", "h", 443)));
    }

    @Test
    void anAllowAskedAheadLastsOnlyInItsWorld() {
        gate.askAhead(request("wss", "h", 443), "button");
        answers.get(0).complete(ConsentAnswer.GRANTED_ONCE);
        assertEquals(
                Optional.of(ConsentAnswer.GRANTED_ONCE), gate.remembered(request("wss", "h", 443)));
        assertEquals(
                Optional.empty(),
                gate.remembered(inOtherWorld("wss", "h", 443)),
                "Request Host Access in one world grants nothing in another");
    }

    @Test
    void lastingAnswersAndThePromptRateFollowThePersonAcrossWorlds() {
        gate.ask(request("wss", "h", 443), this);
        answers.get(0).complete(ConsentAnswer.GRANTED_ALWAYS);
        assertEquals(
                Optional.of(ConsentAnswer.GRANTED_ALWAYS),
                gate.remembered(inOtherWorld("wss", "h", 443)),
                "always is the person's decision, wherever they are");
        gate.ask(inOtherWorld("ws", "h", 1), this);
        gate.ask(request("ws", "h", 2), this);
        assertTrue(
                gate.rateLimited(inOtherWorld("ws", "h", 3)).isPresent(),
                "three prompts in two worlds reach the person's limit of three");
    }

    @Test
    void oneUserAndDestinationGetsOnePromptAtATime() {
        CompletionStage<ConsentAnswer> first = gate.ask(request("wss", "h", 443), "lamp");
        CompletionStage<ConsentAnswer> second = gate.ask(request("wss", "h", 443), "radio");
        assertEquals(1, asked.size());
        assertSame(first, second);
        answers.get(0).complete(ConsentAnswer.GRANTED_ONCE);
        assertEquals(ConsentAnswer.GRANTED_ONCE, second.toCompletableFuture().join());
        gate.ask(request("wss", "h", 443), this);
        assertEquals(2, asked.size(), "a one-time grant is not remembered");
    }

    @Test
    void aPromptIsWithdrawnWhenNobodyWaitsAndALateAnswerGrantsNothing() {
        CompletionStage<ConsentAnswer> lamp = gate.ask(request("wss", "h", 443), "lamp");
        gate.ask(request("wss", "h", 443), "radio");
        assertFalse(gate.withdraw(request("wss", "h", 443), "lamp"), "the radio still waits");
        assertEquals(List.of(), withdrawn);
        assertTrue(gate.withdraw(request("wss", "h", 443), "radio"));
        assertEquals(List.of(request("wss", "h", 443)), withdrawn, "taken off the user's screen");
        answers.get(0).complete(ConsentAnswer.GRANTED_ALWAYS); // the user answers anyway
        assertEquals(
                Optional.empty(),
                gate.remembered(request("wss", "h", 443)),
                "a withdrawn prompt grants nothing");
        assertEquals(ConsentAnswer.IGNORED, lamp.toCompletableFuture().join());
        gate.ask(request("wss", "h", 443), "lamp");
        assertEquals(2, asked.size(), "asking again shows a new prompt");
        assertFalse(
                gate.withdraw(request("wss", "h", 443), "stranger"), "only an asker can withdraw");
    }

    @Test
    void lastingAnswersAreRememberedPerSchemeHostAndPort() {
        gate.ask(request("wss", "h", 443), this);
        answers.get(0).complete(ConsentAnswer.GRANTED_ALWAYS);
        assertEquals(
                Optional.of(ConsentAnswer.GRANTED_ALWAYS),
                gate.remembered(request("wss", "h", 443)));
        assertEquals(
                Optional.empty(),
                gate.remembered(request("ws", "h", 443)),
                "wss grant must not cover ws");
        assertEquals(Optional.empty(), gate.remembered(request("wss", "h", 8443)));
        gate.ask(request("ws", "h", 80), this);
        answers.get(1).complete(ConsentAnswer.DENIED);
        assertEquals(Optional.of(ConsentAnswer.DENIED), gate.remembered(request("ws", "h", 80)));
        assertEquals(
                Optional.of(ConsentAnswer.GRANTED_ALWAYS),
                gate.remembered(request("wss", "h", 443)));
    }

    @Test
    void promptsPerUserAreRateLimitedPerMinute() {
        for (int port = 1; port <= 3; port++) {
            assertEquals(Optional.empty(), gate.rateLimited(request("ws", "h", port)));
            gate.ask(request("ws", "h", port), this);
        }
        assertEquals(
                Optional.empty(),
                gate.rateLimited(request("ws", "h", 2)),
                "joining a pending prompt is free");
        now += 20_000_000_000L;
        assertEquals(
                Optional.of(
                        new ConsentGate.RateLimit(
                                "too many consent prompts for alice: 3 in the last minute "
                                        + "(limits.promptsPerMinute)",
                                Duration.ofSeconds(40))),
                gate.rateLimited(request("ws", "h", 4)),
                "room again when the oldest prompt is a minute old");
        now += 41_000_000_000L;
        assertEquals(Optional.empty(), gate.rateLimited(request("ws", "h", 4)));
    }

    @Test
    void aHostConsentMemoryKeepsTheLastingAnswers() {
        Map<ConsentScope, ConsentAnswer> kept = new HashMap<>();
        ConsentMemory memory =
                new ConsentMemory() {
                    @Override
                    public Optional<ConsentAnswer> recall(ConsentScope scope) {
                        return Optional.ofNullable(kept.get(scope));
                    }

                    @Override
                    public void remember(ConsentScope scope, ConsentAnswer answer) {
                        kept.put(scope, answer);
                    }
                };
        ConsentGate withMemory =
                new ConsentGate(() -> List.of(prompt), () -> List.of(memory), 3, () -> now);
        withMemory.ask(request("wss", "h", 443), this);
        answers.get(0).complete(ConsentAnswer.GRANTED_ALWAYS);
        assertEquals(
                ConsentAnswer.GRANTED_ALWAYS, kept.get(new ConsentScope("alice", "wss", "h", 443)));
    }

    @Test
    void ignoredAndFailedPromptsAreNotRemembered() {
        gate.ask(request("ws", "h", 80), this);
        answers.get(0).complete(ConsentAnswer.IGNORED);
        assertEquals(Optional.empty(), gate.remembered(request("ws", "h", 80)));
        CompletionStage<ConsentAnswer> failing = gate.ask(request("ws", "h", 81), this);
        answers.get(1).completeExceptionally(new IllegalStateException("prompt crashed"));
        assertEquals(ConsentAnswer.IGNORED, failing.toCompletableFuture().join());
    }

    @Test
    void withoutAPromptNothingIsGrantedAndTheAnswerSaysNobodyWasAsked() {
        ConsentGate none = new ConsentGate(List::of, List::of, 3, () -> now);
        assertEquals(
                ConsentAnswer.NO_PROMPT,
                none.ask(request("ws", "h", 80), this).toCompletableFuture().join());
        assertFalse(ConsentAnswer.NO_PROMPT.granted());
    }
}
