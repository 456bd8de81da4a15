package dev.wsworld.host.inspector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsworld.host.console.CommandInterpreter;
import dev.wsworld.host.testing.Browser;
import dev.wsworld.host.testing.HostFixture;
import dev.wsworld.host.testing.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The inspector's page in a real browser (Debian's Chromium, headless, through Selenium): what it
 * shows of a running host, and what it changes there through the console's commands. Every wait is
 * on the page or the world's journal, never a sleep.
 */
class InspectorPageTest {
    private static Browser browser;

    @TempDir Path dir;

    private TestServer server;
    private HostFixture host;
    private Inspector inspector;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = new TestServer();
    }

    @AfterEach
    void stop() throws Exception {
        if (inspector != null) {
            inspector.close();
        }
        if (host != null) {
            host.close();
        }
        server.close();
    }

    private String world(String slots) {
        return HostFixture.DEFAULT_WORLD + "slots:\n" + slots;
    }

    private String client(String slot, String path) {
        return """
          - name: %s
            components:
              - type: WebsocketClient
                fields: { URL: "%s", HandlingUser: alice, AccessReason: "Echo for the inspector" }
        """
                .formatted(slot, server.uri(path));
    }

    private WebDriver open(HostFixture fixture) throws Exception {
        host = fixture;
        inspector = Inspector.start(fixture.host(), 0);
        WebDriver page = browser.driver();
        page.get(inspector.address());
        browser.until("the page is live", d -> "live".equals(body(d).getAttribute("data-link")));
        return page;
    }

    /** A page on a host whose world holds these slots, alice agreeing to every connection. */
    private WebDriver openWithClients(String slots) throws Exception {
        return open(HostFixture.in(dir).world(world(slots)).consent("alice=allow").start());
    }

    private static WebElement body(WebDriver page) {
        return page.findElement(By.tagName("body"));
    }

    private static By slotNamed(String name) {
        return By.xpath(
                "//ul[@id='tree']//li[contains(@class,'slot')][./div/span[@class='slot-name' and"
                        + " text()="
                        + xpathLiteral(name)
                        + "]]");
    }

    private static String xpathLiteral(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private WebElement component(String slot) {
        return browser.until(
                "the tree shows slot " + slot,
                d -> d.findElement(slotNamed(slot)).findElement(By.cssSelector("li.component")));
    }

    private String fieldValue(String field) {
        return browser.driver()
                .findElement(By.cssSelector("#fields tr[data-field='" + field + "'] .current"))
                .getText();
    }

    private void awaitField(String field, String value) {
        browser.until(
                field + " shows " + value,
                d -> {
                    List<WebElement> cells =
                            d.findElements(
                                    By.cssSelector(
                                            "#fields tr[data-field='" + field + "'] .current"));
                    return !cells.isEmpty() && cells.get(0).getText().equals(value);
                });
    }

    private List<WebElement> visibleEvents() {
        return browser.driver().findElements(By.cssSelector("#events li.event")).stream()
                .filter(WebElement::isDisplayed)
                .toList();
    }

    // ------------------------------------------------------------------ cases

    @Test
    void showsTheTreeAndFieldsAndAFieldSetAtTheConsoleChangesOnThePage() throws Exception {
        WebDriver page = openWithClients(client("echo", "/echo"));
        host.await("echo", "connected");
        component("echo").click();
        browser.until(
                "the component is selected",
                d -> d.findElement(By.id("component-title")).getText().startsWith("echo#1"));
        awaitField("URL", server.uri("/echo").toString());
        awaitField("State", "Connected");
        browser.until(
                "the badge says Connected",
                d -> d.findElement(By.id("badge")).getText().equals("Connected"));
        assertEquals("alice", page.findElement(By.id("conn-user")).getText());
        assertEquals("specifiedUser", page.findElement(By.id("conn-role")).getText());

        new CommandInterpreter(host.host(), line -> {})
                .execute("set echo AccessReason \"changed at the console\"");
        awaitField("AccessReason", "changed at the console");
    }

    @Test
    void aFieldSetOnThePageGoesThroughSetsValidation() throws Exception {
        WebDriver page = openWithClients(client("echo", "/echo"));
        component("echo").click();
        awaitField("ConnectRetryInterval", "null");
        WebElement row =
                page.findElement(By.cssSelector("#fields tr[data-field='ConnectRetryInterval']"));
        WebElement input = row.findElement(By.cssSelector("input.edit"));
        input.clear();
        input.sendKeys("soon");
        row.findElement(By.cssSelector("button.set")).click();
        browser.until(
                "the error shows beside the field",
                d ->
                        row.findElement(By.cssSelector(".error"))
                                .getText()
                                .equals("expected a finite number but got 'soon'"));
        input.clear();
        input.sendKeys("3.5");
        row.findElement(By.cssSelector("button.set")).click();
        awaitField("ConnectRetryInterval", "3.5");
        assertEquals(3.5f, host.field("echo", "ConnectRetryInterval"));
        assertEquals("", row.findElement(By.cssSelector(".error")).getText());
    }

    @Test
    void aConsentPromptAnsweredOnThePageConnectsTheComponent() throws Exception {
        WebDriver page = open(HostFixture.in(dir).world(world("  []\n")).interactive().start());
        host.addClient(
                "asker",
                Map.of(
                        "URL",
                        server.uri("/echo"),
                        "HandlingUser",
                        "alice",
                        "AccessReason",
                        "Ask <b>me</b>"));
        WebElement dialog =
                browser.until(
                        "the prompt shows as a dialog",
                        d -> d.findElement(By.cssSelector("#prompts dialog.prompt")));
        assertTrue(dialog.getText().contains("alice"), dialog.getText());
        assertTrue(dialog.getText().contains("Ask <b>me</b>"), "world text shown as text");
        assertEquals(
                List.of("Allow", "Always", "Deny", "Ignore"),
                dialog.findElements(By.tagName("button")).stream()
                        .map(WebElement::getText)
                        .toList());
        dialog.findElement(By.xpath(".//button[text()='Allow']")).click();
        host.await("asker", "connected");
        browser.until(
                "the dialog goes away",
                d -> d.findElements(By.cssSelector("#prompts dialog.prompt")).isEmpty());
        assertTrue(page.findElements(By.cssSelector("#prompts dialog")).isEmpty());
    }

    @Test
    void alwaysIsRememberedAndRevokedOnThePageAndAPluginReloads() throws Exception {
        WebDriver page = open(HostFixture.in(dir).world(world("  []\n")).interactive().start());
        host.addClient("asker", Map.of("URL", server.uri("/echo"), "HandlingUser", "alice"));
        browser.until(
                        "the prompt shows",
                        d -> d.findElement(By.cssSelector("#prompts dialog.prompt")))
                .findElement(By.xpath(".//button[text()='Always']"))
                .click();
        host.await("asker", "connected");
        WebElement grant =
                browser.until(
                        "the lasting decision is listed",
                        d -> d.findElement(By.cssSelector("#grants li.grant")));
        assertTrue(
                grant.getText().startsWith("alice ws://127.0.0.1:" + server.port()),
                grant.getText());
        grant.findElement(By.tagName("button")).click();
        browser.until(
                "revoked, it leaves the list",
                d -> d.findElements(By.cssSelector("#grants li.grant")).isEmpty());
        assertTrue(host.host().consentDecisions().decisions().isEmpty());

        page.findElement(By.cssSelector("#plugins li.plugin button")).click();
        browser.until(
                "the reload's line shows",
                d ->
                        d.findElements(By.cssSelector("#log li")).stream()
                                .anyMatch(
                                        line ->
                                                line.getText()
                                                        .startsWith(
                                                                "websocket-client 0.1.0-SNAPSHOT"
                                                                        + " STARTED from")));
    }

    @Test
    void aWithdrawnPromptsDialogGoesAway() throws Exception {
        open(HostFixture.in(dir).world(world("  []\n")).interactive().start());
        host.addClient("asker", Map.of("URL", server.uri("/echo"), "HandlingUser", "alice"));
        browser.until(
                "the prompt shows", d -> d.findElement(By.cssSelector("#prompts dialog.prompt")));
        new CommandInterpreter(host.host(), line -> {}).execute("remove asker");
        browser.until(
                "the withdrawn prompt's dialog goes away",
                d -> d.findElements(By.cssSelector("#prompts dialog.prompt")).isEmpty());
    }

    @Test
    void textSentFromThePageReachesTheEchoServerAndTheEchoAppearsInTheStream() throws Exception {
        WebDriver page = openWithClients(client("echo", "/echo"));
        host.await("echo", "connected");
        component("echo").click();
        browser.until(
                "the connection panel shows",
                d -> d.findElement(By.id("connection")).isDisplayed());
        page.findElement(By.id("send-text")).sendKeys("hello from the page");
        page.findElement(By.id("send")).click();
        assertEquals("text:hello from the page", server.received.poll(20, TimeUnit.SECONDS));
        browser.until(
                "the echo shows in the stream",
                d ->
                        d.findElements(By.cssSelector("#events li.event-text")).stream()
                                .anyMatch(e -> e.getText().contains("hello from the page")));
        browser.until(
                "the figures count it both ways",
                d ->
                        d.findElement(By.id("conn-in")).getText().startsWith("1 message")
                                && d.findElement(By.id("conn-out"))
                                        .getText()
                                        .equals("1 message, 19 bytes"));

        new Select(page.findElement(By.id("send-kind"))).selectByValue("hex");
        page.findElement(By.id("send-text")).clear();
        page.findElement(By.id("send-text")).sendKeys("zz");
        page.findElement(By.id("send")).click();
        browser.until(
                "a bad hex string is refused in the console's words",
                d ->
                        d.findElement(By.id("send-error"))
                                .getText()
                                .equals("expected hex bytes like 00ff10, not 'zz'"));
        new Select(page.findElement(By.id("send-kind"))).selectByValue("base64");
        page.findElement(By.id("send-text")).clear();
        page.findElement(By.id("send-text")).sendKeys("AAH/");
        page.findElement(By.id("send")).click();
        assertEquals("binary:0001ff", server.received.poll(20, TimeUnit.SECONDS));

        ((JavascriptExecutor) page).executeScript("document.getElementById('pretty').click()");
        browser.until(
                "pretty JSON is indented",
                d ->
                        d.findElements(By.cssSelector("#events li.event-text pre.data")).stream()
                                .anyMatch(e -> e.getText().contains("{\n  \"data\": ")));
        browser.screenshot(Path.of("target", "inspector.png"));

        page.findElement(By.id("disconnect")).click();
        host.await("echo", "disconnected");
        browser.until(
                "the badge and the last close show it",
                d ->
                        d.findElement(By.id("badge")).getText().equals("Idle")
                                && d.findElement(By.id("conn-close")).getText().startsWith("1000"));
        page.findElement(By.id("connect")).click();
        host.await("echo", "connected");
    }

    @Test
    void theEventFilterAndClickingThroughFromAnEventToItsComponentAndBack() throws Exception {
        WebDriver page = openWithClients(client("echo", "/echo") + client("second", "/echo"));
        host.await("echo", "connected");
        host.await("second", "connected");
        browser.until(
                "both connections are in the stream",
                d -> d.findElements(By.cssSelector("#events li.event-connected")).size() == 2);

        page.findElement(By.id("filter-name")).sendKeys("connected");
        browser.until(
                "only connected events show",
                d ->
                        visibleEvents().size() == 2
                                && visibleEvents().stream()
                                        .allMatch(
                                                e ->
                                                        e.findElement(By.className("name"))
                                                                .getText()
                                                                .equals("connected")));
        page.findElement(By.id("filter-name")).clear();
        page.findElement(By.id("filter-slot")).sendKeys("seco");
        browser.until(
                "only the second slot's events show",
                d ->
                        !visibleEvents().isEmpty()
                                && visibleEvents().stream()
                                        .allMatch(
                                                e ->
                                                        "second#1"
                                                                .equals(
                                                                        e.getAttribute(
                                                                                "data-component"))));
        page.findElement(By.id("filter-slot")).clear();

        WebElement secondConnected =
                page.findElement(
                        By.cssSelector("#events li.event-connected[data-component='second#1']"));
        secondConnected.click();
        browser.until(
                "the event's component is selected",
                d -> d.findElement(By.id("component-title")).getText().startsWith("second#1"));
        assertEquals(
                "second",
                browser.until(
                                "its slot is marked in the tree",
                                d ->
                                        d.findElement(
                                                By.cssSelector(
                                                        "#tree li.slot.revealed > .row"
                                                                + " .slot-name")))
                        .getText());
        browser.until(
                "the stream shows only its events",
                d ->
                        d.findElement(By.id("component-filter")).isDisplayed()
                                && visibleEvents().stream()
                                        .allMatch(
                                                e ->
                                                        "second#1"
                                                                .equals(
                                                                        e.getAttribute(
                                                                                "data-component"))));
        component("echo").click();
        browser.until(
                "selecting the other component in the tree filters the stream to it",
                d ->
                        !visibleEvents().isEmpty()
                                && visibleEvents().stream()
                                        .allMatch(
                                                e ->
                                                        "echo#1"
                                                                .equals(
                                                                        e.getAttribute(
                                                                                "data-component"))));
        page.findElement(By.id("component-filter-clear")).click();
        browser.until(
                "both show again",
                d ->
                        visibleEvents().stream()
                                        .map(e -> e.getAttribute("data-component"))
                                        .distinct()
                                        .count()
                                == 2);
    }

    @Test
    void hostileSlotNamesAreShownAsText() throws Exception {
        WebDriver page =
                open(
                        HostFixture.in(dir)
                                .world(
                                        world(
                                                """
                                                  - name: "<img src=x onerror=alert(1)><b>bold"
                                                  - name: "esc\\e[2Jcleared"
                                                  - name: "abc\\u202Edef"
                                                """))
                                .start());
        browser.until(
                "the HTML name shows",
                d -> d.findElement(slotNamed("<img src=x onerror=alert(1)><b>bold")));
        browser.until("the ESC shows escaped", d -> d.findElement(slotNamed("esc\\e[2Jcleared")));
        browser.until("U+202E shows escaped", d -> d.findElement(slotNamed("abc\\u202Edef")));
        assertTrue(page.findElements(By.cssSelector("#tree img, #tree b")).isEmpty());
        Object texts =
                ((JavascriptExecutor) page)
                        .executeScript(
                                "return [...document.querySelectorAll('#tree .slot-name')]"
                                        + ".map(e => e.textContent).join('|')");
        assertTrue(
                !texts.toString().contains("\u001b") && !texts.toString().contains("\u202e"),
                texts.toString());

        page.findElement(By.id("search")).sendKeys("cleared");
        WebElement result =
                browser.until(
                        "the search finds it",
                        d -> d.findElement(By.cssSelector("#results .result")));
        assertEquals("esc\\e[2Jcleared", result.getText());
    }

    @Test
    void twoWorldsAreInThePicker() throws Exception {
        WebDriver page =
                open(HostFixture.in(dir).world(world("  - name: first-world-slot\n")).start());
        browser.until("the first world's tree", d -> d.findElement(slotNamed("first-world-slot")));
        Path second = dir.resolve("second.yaml");
        Files.writeString(
                second,
                """
                world: { name: Second }
                users:
                  - { id: carol, host: true, local: true }
                slots:
                  - name: second-world-slot
                """);
        host.host().openWorld(second);
        browser.until(
                "the picker lists both",
                d ->
                        new Select(d.findElement(By.id("world")))
                                .getOptions().stream()
                                        .map(WebElement::getText)
                                        .toList()
                                        .equals(List.of("Test", "Second")));
        new Select(page.findElement(By.id("world"))).selectByValue("Second");
        browser.until(
                "the second world's tree", d -> d.findElement(slotNamed("second-world-slot")));
        assertTrue(page.findElements(slotNamed("first-world-slot")).isEmpty());
    }

    @Test
    void slotsLoadAsTheyAreOpened() throws Exception {
        WebDriver page =
                open(
                        HostFixture.in(dir)
                                .world(
                                        world(
                                                """
                                                  - name: outer
                                                    children:
                                                      - name: inner
                                                        children:
                                                          - name: innermost
                                                """))
                                .start());
        WebElement outer = browser.until("outer", d -> d.findElement(slotNamed("outer")));
        assertTrue(page.findElements(slotNamed("inner")).isEmpty(), "not loaded before opened");
        outer.findElement(By.cssSelector(".toggle")).click();
        WebElement inner = browser.until("inner", d -> d.findElement(slotNamed("inner")));
        inner.findElement(By.cssSelector(".toggle")).click();
        browser.until("innermost", d -> d.findElement(slotNamed("innermost")));
        host.run(() -> host.world().addSlot(host.world().requireSlot("outer/inner"), "added"));
        browser.until("a slot added later appears", d -> d.findElement(slotNamed("added")));
    }
}
