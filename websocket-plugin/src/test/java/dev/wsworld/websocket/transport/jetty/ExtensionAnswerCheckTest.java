package dev.wsworld.websocket.transport.jetty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7692 5 and 7.1: which extension answers the client accepts, and the words for the rest. */
class ExtensionAnswerCheckTest {
    private static final Optional<DeflateOffer> OFFERED = Optional.of(DeflateOffer.DEFAULT);
    private static final Optional<DeflateOffer> WITHOUT_CLIENT_WINDOW =
            Optional.of(new DeflateOffer(false));

    private static String outcome(ExtensionAnswerCheck.Answer answer) {
        if (answer instanceof ExtensionAnswerCheck.Refused refused) {
            return refused.reason();
        }
        return ((ExtensionAnswerCheck.Accepted) answer)
                .deflate()
                .map(
                        a ->
                                "server "
                                        + (a.serverNoContextTakeover() ? "no-takeover " : "")
                                        + a.serverMaxWindowBits()
                                        + ", client "
                                        + (a.clientNoContextTakeover() ? "no-takeover " : "")
                                        + a.clientMaxWindowBits())
                .orElse("no compression");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "permessage-deflate | server 15, client 15",
                "permessage-deflate; client_no_context_takeover | server 15, client no-takeover 15",
                "permessage-deflate;server_no_context_takeover;client_no_context_takeover;"
                        + "server_max_window_bits=9 | server no-takeover 9, client no-takeover 15",
                "permessage-deflate; server_max_window_bits=8; client_max_window_bits=15"
                        + " | server 8, client 15",
                "`permessage-deflate; server_max_window_bits=\"10\"; client_max_window_bits = 12`"
                        + " | server 10, client 12",
                "`, permessage-deflate ,` | server 15, client 15",
            })
    void answersTheRfcAllowsAreAgreedAsTheyAreWritten(String header, String agreed) {
        assertEquals(agreed, outcome(ExtensionAnswerCheck.read(List.of(header), OFFERED)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "permessage-deflate; server_max_window_bits=7"
                        + " | server_max_window_bits=7 is out of range (8 to 15)",
                "permessage-deflate; server_max_window_bits=16"
                        + " | server_max_window_bits=16 is out of range (8 to 15)",
                "permessage-deflate; server_max_window_bits"
                        + " | server_max_window_bits has no value (8 to 15; RFC 7692 7.1.2)",
                "permessage-deflate; server_max_window_bits=09"
                        + " | server_max_window_bits='09' is not a window size (8 to 15, no"
                        + " leading zeros; RFC 7692 7.1.2)",
                "permessage-deflate; client_max_window_bits"
                        + " | client_max_window_bits has no value (8 to 15; RFC 7692 7.1.2)",
                "permessage-deflate; client_max_window_bits=7"
                        + " | client_max_window_bits=7 is out of range (8 to 15)",
                "permessage-deflate; server_no_context_takeover=1"
                        + " | server_no_context_takeover takes no value, but the answer gives it"
                        + " '1' (RFC 7692 7.1.1)",
                "permessage-deflate; client_no_context_takeover=\"\""
                        + " | client_no_context_takeover takes no value, but the answer gives it"
                        + " '' (RFC 7692 7.1.1)",
                "permessage-deflate; server_no_context_takeover; server_no_context_takeover"
                        + " | server_no_context_takeover is given twice (RFC 7692 7.1)",
                "permessage-deflate; server_max_window_bits=10; server_max_window_bits=10"
                        + " | server_max_window_bits is given twice (RFC 7692 7.1)",
                "permessage-deflate; x-webkit-deflate | unknown parameter 'x-webkit-deflate'"
                        + " (RFC 7692 7.1)",
                "permessage-deflate; Server_No_Context_Takeover | unknown parameter"
                        + " 'Server_No_Context_Takeover' (RFC 7692 7.1)",
                "permessage-deflate, permessage-deflate"
                        + " | it accepts permessage-deflate twice (RFC 7692 5)",
            })
    void answersTheRfcForbidsAreRefusedWithTheParameterNamed(String header, String why) {
        assertEquals(
                ExtensionAnswerCheck.INVALID + why,
                outcome(ExtensionAnswerCheck.read(List.of(header), OFFERED)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "permessage-deflate; client_max_window_bits=10 | the server's permessage-deflate"
                        + " answer is invalid: client_max_window_bits was not offered (RFC 7692"
                        + " 7.1.2.2: a server names the client's window only when asked)",
                "x-custom | the server's answer names extension 'x-custom', which was not offered"
                        + " (RFC 6455 9.1)",
                "`permessage-deflate; server_max_window_bits=\"10` | the server's"
                        + " Sec-WebSocket-Extensions answer cannot be read: expected a closing"
                        + " quote at its end",
                "permessage-deflate; =5 | the server's Sec-WebSocket-Extensions answer cannot be"
                        + " read: expected a parameter name at '=5'",
            })
    void anOfferWithoutTheClientWindowRefusesOneAndBadSyntaxIsRefused(String header, String why) {
        assertEquals(
                why, outcome(ExtensionAnswerCheck.read(List.of(header), WITHOUT_CLIENT_WINDOW)));
    }

    @Test
    void withoutAnOfferAnyDeflateAnswerIsRefused() {
        assertEquals(
                "the server's answer accepts permessage-deflate, which was not offered (RFC 6455"
                        + " 9.1)",
                outcome(
                        ExtensionAnswerCheck.read(
                                List.of("permessage-deflate"), Optional.empty())));
        assertEquals(
                "no compression", outcome(ExtensionAnswerCheck.read(List.of(), Optional.empty())));
    }

    /** Jetty reads the first header line only; a second one accepting it again is still refused. */
    @Test
    void everyHeaderLineIsRead() {
        assertEquals(
                ExtensionAnswerCheck.INVALID + "it accepts permessage-deflate twice (RFC 7692 5)",
                outcome(
                        ExtensionAnswerCheck.read(
                                List.of("permessage-deflate", "permessage-deflate"), OFFERED)));
    }
}
