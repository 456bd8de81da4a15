package dev.wsworld.websocket.component;

import dev.wsworld.api.world.ComponentBehaviour;
import dev.wsworld.api.world.ComponentContext;
import dev.wsworld.api.world.ComponentType;
import dev.wsworld.api.world.FieldSpec;
import dev.wsworld.api.world.FieldType;
import dev.wsworld.api.nodes.WebsocketClientNodes;
import dev.wsworld.websocket.runtime.PluginRuntime;

import java.net.URI;
import java.util.List;

/** The {@code WebsocketClient} component type: its fields, and a behaviour per instance. */
public final class WebsocketClientType implements ComponentType {
    public static final FieldSpec<URI> URL = FieldSpec.writable("URL", FieldType.URI_TYPE, null);
    public static final FieldSpec<String> HANDLING_USER = FieldSpec.writable("HandlingUser", FieldType.USER_REF, null);
    public static final FieldSpec<String> USER_ID = FieldSpec.readOnly("_userId", FieldType.STRING, "");
    public static final FieldSpec<String> MACHINE_ID = FieldSpec.readOnly("_machineId", FieldType.STRING, "");
    public static final FieldSpec<String> ACCESS_REASON = FieldSpec.writable("AccessReason", FieldType.STRING, "");
    /** Seconds; unset or not positive means the configured default. */
    public static final FieldSpec<Float> CONNECT_RETRY_INTERVAL =
            FieldSpec.writable("ConnectRetryInterval", FieldType.FLOAT, null);
    /** Comma-separated subprotocols to offer; empty offers none. */
    public static final FieldSpec<String> SUBPROTOCOLS = FieldSpec.writable("Subprotocols", FieldType.STRING, "");
    /** Offer permessage-deflate; unset means the configured default ({@code defaults.compression}). */
    public static final FieldSpec<Boolean> COMPRESSION = FieldSpec.writable("Compression", FieldType.BOOL, null);
    public static final FieldSpec<Boolean> IS_CONNECTED = FieldSpec.readOnly("IsConnected", FieldType.BOOL, Boolean.FALSE);
    /** The open connection negotiated permessage-deflate. */
    public static final FieldSpec<Boolean> IS_COMPRESSED = FieldSpec.readOnly("IsCompressed", FieldType.BOOL, Boolean.FALSE);
    public static final FieldSpec<String> STATE = FieldSpec.readOnly("State", FieldType.STRING, "Idle");
    public static final FieldSpec<String> LAST_ERROR = FieldSpec.readOnly("LastError", FieldType.STRING, "");

    private static final List<FieldSpec<?>> FIELDS = List.of(URL, HANDLING_USER, USER_ID, MACHINE_ID, ACCESS_REASON,
            CONNECT_RETRY_INTERVAL, SUBPROTOCOLS, COMPRESSION, IS_CONNECTED, IS_COMPRESSED, STATE, LAST_ERROR);

    private final PluginRuntime runtime;

    public WebsocketClientType(PluginRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return WebsocketClientNodes.TYPE;
    }

    @Override
    public List<FieldSpec<?>> fields() {
        return FIELDS;
    }

    @Override
    public ComponentBehaviour attach(ComponentContext context) {
        return new WebsocketClientBehaviour(context, runtime);
    }
}
