package dev.wsworld.websocket.consent;

import dev.wsworld.api.extension.ConsentRequest;

/**
 * What a remembered decision is about: one user, one scheme scope, one host and port. A grant for
 * wss://h does not grant ws://h, nor the other way round.
 */
public record ConsentKey(String userId, String scheme, String host, int port) {
    public static ConsentKey of(ConsentRequest request) {
        return new ConsentKey(request.user().id(), request.scheme(), request.host(), request.port());
    }
}
