using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Formats.Testing;

/// <summary>
/// A real S3-compatible server on loopback for the <c>s3://</c> tests: <c>FORMATS_TEST_S3</c> when set (CI starts one),
/// else a <c>moto_server</c> this process starts on a free port and kills when it exits. Credentials are moto's dummy
/// ones, set in the environment so that the SDK's default chain finds them.
/// </summary>
public static class S3TestServer
{
    private static readonly Lazy<string?> Endpoint = new(Start);

    // Held for the life of the process: its standard input is what keeps the server running.
    private static Process? Server { get; set; }

    /// <summary>The server's URL (<c>http://127.0.0.1:PORT</c>), or null when none is configured and moto is not installed.</summary>
    public static string? Url => Endpoint.Value;

    /// <summary>Why tests that need a server skip, or null when there is one (never skipped in CI: they fail instead).</summary>
    public static string? SkipReason => Url is null && Environment.GetEnvironmentVariable("CI") is null
        ? "no S3 server: set FORMATS_TEST_S3 or install moto (pip install 'moto[server]')"
        : null;

    private static string? Start()
    {
        foreach (var (key, value) in new[] { ("AWS_ACCESS_KEY_ID", "testing"), ("AWS_SECRET_ACCESS_KEY", "testing"), ("AWS_REGION", "us-east-1") })
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(key)))
            {
                Environment.SetEnvironmentVariable(key, value);
            }
        }

        if (Environment.GetEnvironmentVariable("FORMATS_TEST_S3") is { Length: > 0 } given)
        {
            return given.TrimEnd('/');
        }

        var moto = new[] { Environment.GetEnvironmentVariable("FORMATS_MOTO_SERVER"), "/root/.pyenv/shims/moto_server" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "moto_server")))
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p));
        if (moto is null)
        {
            return null;
        }

        var port = FreePort();

        // moto runs under a shell that waits on its standard input: when this process ends however it ends (a test
        // host killed included), the pipe closes and the shell stops the server, so no server outlives the tests.
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$0\" -H 127.0.0.1 -p \"$1\" >/dev/null 2>&1 & read -r _ || true; kill $!");
        start.ArgumentList.Add(moto);
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = Server = Process.Start(start) ?? throw new InvalidOperationException($"{moto} did not start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => process.StandardInput.Close();

        var url = $"http://127.0.0.1:{port}";
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < BackgroundApp.Patience)
        {
            try
            {
                using var answer = http.GetAsync(url + "/moto-api/").GetAwaiter().GetResult();
                return url;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: wait for the server to exit (a failed start) for at most a moment, then ask again.
                if (process.WaitForExit(100))
                {
                    throw new InvalidOperationException($"{moto} exited with {process.ExitCode}");
                }
            }
        }

        throw new InvalidOperationException($"{moto} did not answer at {url}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
