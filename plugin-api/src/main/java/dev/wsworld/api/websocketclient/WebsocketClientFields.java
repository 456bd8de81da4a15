package dev.wsworld.api.websocketclient;

import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.FieldType;
import java.net.URI;
import java.util.List;

/**
 * The fields of a {@code WebsocketClient} component, typed: a host reads and writes them as {@code
 * component.field(WebsocketClientFields.URL.name())}, or through the spec itself, instead of
 * spelling names by hand. Writable fields are the world builder's; read-only ones (their names
 * start with {@code _}, or {@code Is}, {@code State}, {@code LastError}) are set by the component
 * on the world's update thread. The field table of docs/component.md says what each means.
 */
public final class WebsocketClientFields {
    /** {@code ws://} or {@code wss://} destination; changing it reconnects. */
    public static final FieldSpec<URI> URL = FieldSpec.writable("URL", FieldType.URI_TYPE, null);

    /** The specified user of the handling-user priority (a user id). */
    public static final FieldSpec<String> HANDLING_USER =
            FieldSpec.writable("HandlingUser", FieldType.USER_REF, null);

    /** The effective handling user's id (read-only). */
    public static final FieldSpec<String> USER_ID =
            FieldSpec.readOnly("_userId", FieldType.STRING, "");

    /** The effective handling user's machine id (read-only). */
    public static final FieldSpec<String> MACHINE_ID =
            FieldSpec.readOnly("_machineId", FieldType.STRING, "");

    /** Shown in the consent prompt, sanitised. */
    public static final FieldSpec<String> ACCESS_REASON =
            FieldSpec.writable("AccessReason", FieldType.STRING, "");

    /** Seconds; unset or not positive means the configured default. */
    public static final FieldSpec<Float> CONNECT_RETRY_INTERVAL =
            FieldSpec.writable("ConnectRetryInterval", FieldType.FLOAT, null);

    /** Comma-separated subprotocols to offer; empty offers none. */
    public static final FieldSpec<String> SUBPROTOCOLS =
            FieldSpec.writable("Subprotocols", FieldType.STRING, "");

    /**
     * Headers for the upgrade request, {@code Name: value} one a line, sent as written; changing it
     * reconnects. Shown with every value hidden ({@link FieldType#HEADERS}).
     */
    public static final FieldSpec<String> HEADERS =
            FieldSpec.writable("Headers", FieldType.HEADERS, "");

    /**
     * Offer permessage-deflate; unset means the configured default ({@code defaults.compression}).
     */
    public static final FieldSpec<Boolean> COMPRESSION =
            FieldSpec.writable("Compression", FieldType.BOOL, null);

    /** True exactly while the socket is open and usable (read-only). */
    public static final FieldSpec<Boolean> IS_CONNECTED =
            FieldSpec.readOnly("IsConnected", FieldType.BOOL, Boolean.FALSE);

    /** The open connection negotiated permessage-deflate. */
    public static final FieldSpec<Boolean> IS_COMPRESSED =
            FieldSpec.readOnly("IsCompressed", FieldType.BOOL, Boolean.FALSE);

    /** The connection's state by its display name, e.g. {@code Connected} (read-only). */
    public static final FieldSpec<String> STATE =
            FieldSpec.readOnly("State", FieldType.STRING, "Idle");

    /** Why it is not connected; empty when fine (read-only). */
    public static final FieldSpec<String> LAST_ERROR =
            FieldSpec.readOnly("LastError", FieldType.STRING, "");

    /** Every field, in the order hosts show them. */
    public static final List<FieldSpec<?>> ALL =
            List.of(
                    URL,
                    HANDLING_USER,
                    USER_ID,
                    MACHINE_ID,
                    ACCESS_REASON,
                    CONNECT_RETRY_INTERVAL,
                    SUBPROTOCOLS,
                    HEADERS,
                    COMPRESSION,
                    IS_CONNECTED,
                    IS_COMPRESSED,
                    STATE,
                    LAST_ERROR);

    private WebsocketClientFields() {}
}
