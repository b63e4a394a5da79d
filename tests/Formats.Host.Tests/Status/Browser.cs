using OpenQA.Selenium.Chrome;

namespace Formats.Host.Tests.Status;

/// <summary>
/// Debian's headless chromium driven through its chromedriver (Selenium WebDriver); .ci/run installs both and names
/// them in FORMATS_TEST_CHROMIUM and FORMATS_TEST_CHROMEDRIVER. In CI a missing browser fails the tests; elsewhere
/// they are skipped.
/// </summary>
internal sealed class Browser : IDisposable
{
    private readonly ChromeDriver driver;

    private Browser(ChromeDriver driver) => this.driver = driver;

    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("FORMATS_TEST_CHROMIUM") is { Length: > 0 } c ? c : "/usr/bin/chromium";

    public static string DriverPath { get; } = Environment.GetEnvironmentVariable("FORMATS_TEST_CHROMEDRIVER") is { Length: > 0 } d ? d : "/usr/bin/chromedriver";

    /// <summary>Why no browser can be started, or null.</summary>
    public static string? Missing =>
        !File.Exists(ChromiumPath) ? $"no chromium at {ChromiumPath} (apt-get install chromium chromium-driver, or set FORMATS_TEST_CHROMIUM)"
        : !File.Exists(DriverPath) ? $"no chromedriver at {DriverPath} (apt-get install chromium-driver, or set FORMATS_TEST_CHROMEDRIVER)"
        : null;

    public static Browser Start()
    {
        // The driver named explicitly: Selenium Manager would otherwise try to download one.
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // As root (CI) chromium needs --no-sandbox; /dev/shm may be small in containers.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1400,1100", "--hide-scrollbars");
        return new Browser(new ChromeDriver(service, options, TimeSpan.FromMinutes(1)));
    }

    public void Open(string url) => driver.Navigate().GoToUrl(url);

    /// <summary>Runs <paramref name="script"/> in the page (one consistent read of a DOM the page redraws every second).</summary>
    public object? Run(string script) => driver.ExecuteScript(script);

    public string Text(string id) => Run($"return document.getElementById('{id}').textContent;") as string ?? "";

    public void Screenshot(string path) => driver.GetScreenshot().SaveAsFile(path);

    public void Dispose()
    {
        driver.Quit();
        driver.Dispose();
    }
}
