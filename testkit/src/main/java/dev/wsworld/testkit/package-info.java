/**
 * A test kit for authors of WebSocket services: with {@link dev.wsworld.testkit.WorldTest} on a
 * JUnit 5 test class, each test method gets a world running the packaged WebsocketClient plugin
 * ({@link dev.wsworld.testkit.TestWorld}), the world's events with waits and assertions ({@link
 * dev.wsworld.testkit.WorldEvents}), scripted WebSocket servers that record every frame ({@link
 * dev.wsworld.testkit.ScriptedServer}) and, when it asks for one, a manual clock for the plugin's
 * retries and timers ({@link dev.wsworld.testkit.ManualClock}). The network is real: sockets on
 * 127.0.0.1.
 */
package dev.wsworld.testkit;
