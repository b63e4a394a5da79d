using System.Buffers.Binary;
using Formats.Testing;

namespace Formats.Packaging.Tests;

/// <summary>The Formats.Plotting package in a new console app: NumPy's file in, a PNG of the requested size out.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PlottingPackageTests(PackagedFeed feed)
{
    [Fact]
    public void ConsoleAppWithThePlottingPackageDrawsNumPysFileAsAPng()
    {
        var app = Path.Combine(feed.UserFolder, "PlotApp");
        NumPy.Run("np.save('plot-input.npy', np.sin(np.arange(10000) / 500.0))", feed.UserFolder);

        feed.Dotnet("new", "console", "-o", app, "--debug:custom-hive", feed.TemplateHive).Check();
        feed.Dotnet("add", app, "package", "Formats.Plotting", "--version", feed.Version).Check();
        feed.Dotnet("add", app, "package", "Formats.Plugins.Npy", "--version", feed.Version).Check();
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Formats;
            using Formats.Plotting;
            using Microsoft.Extensions.DependencyInjection;

            var services = new ServiceCollection().AddArrayFormats().BuildServiceProvider();
            var plotter = new ArrayPlotter(services.GetRequiredService<ArrayFiles>());
            PlotResult result = await plotter.PlotToFileAsync(args[0], args[1], options: new PlotOptions { Width = 640, Height = 320 });
            Console.WriteLine(result);
            """);
        var png = Path.Combine(feed.UserFolder, "plot-output.png");
        var run = feed.Dotnet("run", "--project", app, "--", Path.Combine(feed.UserFolder, "plot-input.npy"), png).Check();

        Assert.Equal("plot-input.npy: <f8 (10000,), rows 0:10000; min/max envelope of all 10000 rows in 640 pixel columns", run.Out.Trim());
        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.Length > 33, $"{bytes.Length} bytes");
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        Assert.Equal((640, 320), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));

        // The library came from the feed, with the engine it depends on.
        var assets = File.ReadAllText(Path.Combine(app, "obj", "project.assets.json"));
        Assert.Contains($"\"Formats.Plotting/{feed.Version}\"", assets, StringComparison.Ordinal);
        Assert.Contains($"\"Formats.Engine/{feed.Version}\"", assets, StringComparison.Ordinal);
    }
}
