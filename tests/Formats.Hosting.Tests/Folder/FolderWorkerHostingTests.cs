using Formats.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Formats.Hosting.Tests.Folder;

/// <summary>The folder worker in an application's own Generic Host, through the public registration only; NumPy checks the outputs.</summary>
public sealed class FolderWorkerHostingTests
{
    [Fact]
    public async Task AHostedWorkerConvertsADroppedFileAsTheAppConfiguredIt()
    {
        using var dir = new TempDir();
        var inbox = Directory.CreateDirectory(dir.File("in")).FullName;
        var outbox = Directory.CreateDirectory(dir.File("out")).FullName;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = dir.Path });
        builder.Logging.ClearProviders();
        builder.Services.AddArrayFormats();
        builder.Services.AddFormatsFolderWorker(o => { o.Inbox = inbox; o.Outbox = outbox; o.To = "npz"; o.Compress = true; o.SettleSeconds = 0; o.WorkerId = "app"; });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            NumPy.Run("np.save('stage.npy', np.arange(12, dtype='<f4').reshape(3, 4)); os.rename('stage.npy', 'in/a.npy')", dir.Path);
            var done = Path.Combine(inbox, ".done", "a.npy");
            for (var waited = 0; !File.Exists(done); waited++)
            {
                Assert.True(waited < 1200, "the dropped file was not converted"); // a guard against hanging, not a measurement
                await Task.Delay(50);
            }
        }
        finally
        {
            await host.StopAsync();
        }

        var worker = host.Services.GetRequiredService<FolderWorker>();
        Assert.Equal(1, worker.Converted);
        Assert.Equal("True deflated", NumPy.Run(
            "import zipfile\nz = np.load('out/a.npz')\nzi = zipfile.ZipFile('out/a.npz').infolist()[0]\n"
            + "print(np.array_equal(z['a'], np.arange(12, dtype='<f4').reshape(3, 4)), 'deflated' if zi.compress_type == zipfile.ZIP_DEFLATED else 'stored')", dir.Path).Trim());
    }

    [Fact]
    public async Task SettingsFromConfigurationAreValidatedAtStartNamingTheirKeysAndNoCommandLineOption()
    {
        using var dir = new TempDir();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = dir.Path });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["App:Converter:Outbox"] = dir.File("nowhere"),
            ["App:Converter:Parallel"] = "0",
            ["App:Converter:Rules:0:Pattern"] = "*.dat",
            ["App:Converter:Rules:0:Order"] = "K",
            ["App:Converter:Rules:0:DType"] = "<i2",
        });
        builder.Services.AddArrayFormats();
        builder.Services.AddFormatsFolderWorker(builder.Configuration.GetSection("App:Converter"));
        using var host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal(
            [
                "App:Converter:Inbox is not set",
                $"App:Converter:Outbox: the folder {dir.File("nowhere")} does not exist",
                "App:Converter:Parallel must be from 1 to 1024 (it is 0)",
                "App:Converter:Rules:0:Order must be C or F (it is 'K')",
            ],
            e.Failures);
    }

    [Fact]
    public async Task RunOnceConvertsWhatIsThereByItsRulesAndReturnsTheCounts()
    {
        using var dir = new TempDir();
        var inbox = Directory.CreateDirectory(dir.File("in")).FullName;
        var outbox = Directory.CreateDirectory(dir.File("out")).FullName;
        NumPy.Run("np.arange(12, dtype='<i2').tofile('in/rec.dat')\nopen('in/junk.npy', 'w').write('junk')", dir.Path);
        var services = new ServiceCollection().AddLogging().AddArrayFormats();
        services.AddFormatsFolderWorker(o =>
        {
            o.Inbox = inbox;
            o.Outbox = outbox;
            o.To = "npy";
            o.SettleSeconds = 0;
            o.WorkerId = "once";
            o.Rules.Add(new ConversionRule { Pattern = "*.dat", DType = "<i2", Shape = [3, -1], Order = "F", To = "npz" });
        });
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<FolderWorker>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(new FolderWorkerResult(1, 1), result);
        Assert.Equal(["rec.npz"], Directory.GetFiles(outbox).Select(Path.GetFileName));
        Assert.StartsWith("junk.npy: ", File.ReadAllText(Path.Combine(inbox, ".failed", "junk.npy.error.txt")), StringComparison.Ordinal);
        Assert.Equal("True", NumPy.Run("print(np.array_equal(np.load('out/rec.npz')['rec'], np.arange(12, dtype='<i2').reshape(4, 3).T))", dir.Path).Trim());
    }
}
