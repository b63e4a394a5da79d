using System.Text.Json;
using Formats.Testing;

namespace Formats.Packaging.Tests;

/// <summary>
/// The hosting packages in a new console app, as the README shows them: the folder worker and the queue worker taken
/// into the app's own Generic Host from the packed feed, converting what is dropped or submitted; NumPy checks the outputs.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class HostingPackageTests(PackagedFeed feed)
{
    [Fact]
    public void ConsoleAppHostingTheFolderWorkerConvertsADroppedFile()
    {
        var app = NewApp("FolderWorkerApp", "Formats.Hosting", """
            using Formats;
            using Formats.Hosting;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            string inbox = Environment.GetEnvironmentVariable("APP_INBOX")!, outbox = Environment.GetEnvironmentVariable("APP_OUTBOX")!;
            var b = Host.CreateApplicationBuilder(args);
            b.Services.AddArrayFormats();
            b.Services.AddFormatsFolderWorker(o => { o.Inbox = inbox; o.Outbox = outbox; o.To = "npz"; o.Compress = true; o.SettleSeconds = 0; });
            b.Build().Run();
            """);
        using var work = new TempDir();
        var inbox = Directory.CreateDirectory(work.File("inbox")).FullName;
        var outbox = Directory.CreateDirectory(work.File("outbox")).FullName;
        NumPy.Run("np.save('volts.npy', (np.arange(200000, dtype='<f4') % 1000) * 0.5)", work.Path);

        using var running = Start(app, new() { ["APP_INBOX"] = inbox, ["APP_OUTBOX"] = outbox });
        File.Move(work.File("volts.npy"), Path.Combine(inbox, "volts.npy"));
        var output = Path.Combine(outbox, "volts.npz");
        running.WaitFor(() => File.Exists(output), $"{output} from the app's folder worker");

        var check = NumPy.Run($$"""
            z = np.load({{JsonSerializer.Serialize(output)}})
            a = (np.arange(200000, dtype='<f4') % 1000) * 0.5
            assert z.files == ['volts'], z.files
            assert z['volts'].dtype == a.dtype and np.array_equal(z['volts'], a)
            import zipfile
            print([i.compress_type for i in zipfile.ZipFile({{JsonSerializer.Serialize(output)}}).infolist()])
            """, work.Path);
        Assert.Equal("[8]", check.Trim());
        Assert.Equal(0, running.Stop());
    }

    [Fact]
    public void ConsoleAppHostingTheQueueWorkerConvertsASubmittedJobOnTheRealBroker()
    {
        var broker = Environment.GetEnvironmentVariable("FORMATS_TEST_AMQP") is { Length: > 0 } url ? url : "amqp://localhost";
        var app = NewApp("QueueWorkerApp", "Formats.Hosting.RabbitMQ", """
            using Formats;
            using Formats.Hosting.RabbitMQ;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var b = Host.CreateApplicationBuilder(args);
            b.Services.AddArrayFormats();
            b.Services.AddFormatsQueueWorker(o =>
            {
                o.Broker = Environment.GetEnvironmentVariable("APP_BROKER");
                o.Queue = Environment.GetEnvironmentVariable("APP_QUEUE")!;
                o.AllowedRoots = [Environment.GetEnvironmentVariable("APP_ROOT")!];
            });
            b.Build().Run();
            """);
        using var work = new TempDir();
        var queue = "formats-package-test-" + Guid.NewGuid().ToString("N")[..8];
        NumPy.Run("np.save('grid.npy', np.arange(12, dtype='>i8').reshape(3, 4))", work.Path);

        using var running = Start(app, new() { ["APP_BROKER"] = broker, ["APP_QUEUE"] = queue, ["APP_ROOT"] = work.Path });
        // Submitted by the packed tool, followed to its end: the app's worker is the only consumer of this queue.
        var tools = Path.Combine(feed.UserFolder, "hosting-tools");
        if (!File.Exists(Path.Combine(tools, "formats")))
        {
            feed.Dotnet("tool", "install", "formats", "--version", feed.Version, "--tool-path", tools, "--configfile", feed.NuGetConfig).Check();
        }

        var submit = Processes.Run(work.Path, feed.Environment, Path.Combine(tools, "formats"),
            "submit", "--queue", broker, "--queue-name", queue, work.File("grid.npy"), "--to", "npz", "--compress", "--outbox", work.Path, "--wait").Check();
        Assert.Contains("1 converted, 0 dead-lettered", submit.Err, StringComparison.Ordinal);

        var check = NumPy.Run("""
            z = np.load('grid.npz')
            a = np.arange(12, dtype='>i8').reshape(3, 4)
            assert z['grid'].dtype == a.dtype and np.array_equal(z['grid'], a)
            print('ok')
            """, work.Path);
        Assert.Equal("ok", check.Trim());
        Assert.Equal(0, running.Stop());
    }

    private string NewApp(string name, string package, string program)
    {
        var app = Path.Combine(feed.UserFolder, name);
        feed.Dotnet("new", "console", "-o", app, "--debug:custom-hive", feed.TemplateHive).Check();
        foreach (var p in new[] { package, "Formats.Plugins.Npy", "Formats.Plugins.Npz" })
        {
            feed.Dotnet("add", app, "package", p, "--version", feed.Version).Check();
        }

        // Host.CreateApplicationBuilder comes from the Generic Host package an app adds itself (the library makes no app choices).
        feed.Dotnet("add", app, "package", "Microsoft.Extensions.Hosting", "--version", MicrosoftExtensionsVersion()).Check();
        File.WriteAllText(Path.Combine(app, "Program.cs"), program);
        feed.Dotnet("build", app, "-o", Path.Combine(app, "out")).Check();
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains($"\"{package}/{feed.Version}\"", assets, StringComparison.Ordinal);
        return Path.Combine(app, "out", name + ".dll");
    }

    private string MicrosoftExtensionsVersion()
    {
        var props = File.ReadAllText(Path.Combine(feed.RepoRoot, "Directory.Packages.props"));
        var match = System.Text.RegularExpressions.Regex.Match(props, "<MicrosoftExtensionsVersion>([^<]+)<");
        Assert.True(match.Success, "MicrosoftExtensionsVersion in Directory.Packages.props");
        return match.Groups[1].Value;
    }

    private BackgroundApp Start(string dll, Dictionary<string, string> environment) =>
        BackgroundApp.Start("dotnet", [dll], feed.Environment.Concat(environment));
}
