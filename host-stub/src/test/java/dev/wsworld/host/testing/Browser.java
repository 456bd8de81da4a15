package dev.wsworld.host.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by Selenium through Debian's chromium-driver: a real browser
 * on loopback only. {@code .ci/run} installs both; outside CI a missing one skips the test, under
 * CI it fails it. Waits are on conditions in the page, never on sleeps.
 */
public final class Browser implements AutoCloseable {
    public static final String CHROMIUM = "/usr/bin/chromium";
    public static final String DRIVER = "/usr/bin/chromedriver";

    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private Browser(ChromeDriverService service, ChromeDriver driver) {
        this.service = service;
        this.driver = driver;
    }

    /** Skips (or under CI fails) the test when chromium or chromium-driver is missing. */
    public static void require() {
        LocalPeer.require(CHROMIUM, "chromium");
        LocalPeer.require(DRIVER, "chromium-driver");
    }

    public static Browser start() {
        require();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1500,1000",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions");
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(DRIVER))
                        .usingAnyFreePort()
                        .build();
        return new Browser(service, new ChromeDriver(service, options));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits (20 s at most) until {@code condition} gives something other than null or false. */
    public <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofMillis(HostFixture.WAIT_MILLIS))
                .withMessage(what)
                .pollingEvery(Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    /** Saves what the window shows as a PNG. */
    public Path screenshot(Path file) throws IOException {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
        }
    }
}
