using System.CommandLine;
using Formats.Plotting;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats plot FILE --out PLOT.png|.svg</c>: the command-line options of <see cref="ArrayPlotter"/>. Compiled into
/// the JIT build only, which references Formats.Plotting; the native program has <c>PlotCommand.Native.cs</c> instead.
/// </summary>
internal static class PlotCommand
{
    public static Command Create(CliContext context)
    {
        var input = new Argument<string>("FILE") { Description = "The file to plot" };
        var output = ParsedOption.Create<string>("--out", OutputPath, "The picture to write: .png or .svg (replaced atomically)", "PLOT.png|PLOT.svg");
        output.Required = true;
        var columns = new Option<string?>("--columns")
        {
            Description = "Columns of a 2-D array (0,3,5:8; negative from the end) or fields of a structured one (a,b) to draw",
            HelpName = "LIST",
        };
        var image = new Option<bool>("--image") { Description = "Draw a 2-D array as a heatmap (rows along x, columns along y) with a colour bar" };
        var hist = new Option<bool>("--hist") { Description = "Draw a histogram of all values, or one per column with --columns" };
        var width = ParsedOption.Create<int>("--width", t => (int)ParsedOption.Integer(t, 200, PlotOptions.MaxSize), $"Picture width in pixels (default {PlotOptions.DefaultWidth})", "PX");
        var height = ParsedOption.Create<int>("--height", t => (int)ParsedOption.Integer(t, 150, PlotOptions.MaxSize), $"Picture height in pixels (default {PlotOptions.DefaultHeight})", "PX");
        var read = new ReadOptionSet();
        var command = new Command("plot",
            "Draw an array as lines (1-D, each column of 2-D, numeric fields), a heatmap (--image) or a histogram (--hist). "
            + "Long arrays are reduced per pixel column to min/max envelopes in one streaming pass, never by skipping samples")
        {
            input, output, read.Name, read.Rows, columns, image, hist, width, height,
        };
        read.AddLayoutTo(command);

        command.Validators.Add(result =>
        {
            if (result.GetValue(image) && result.GetValue(hist))
            {
                result.AddError("--image and --hist draw different pictures: choose one");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var plotter = new ArrayPlotter(host.Services.GetRequiredService<ArrayFiles>());
            var path = parse.GetValue(input)!;
            var picture = parse.GetValue(output)!;
            var options = new PlotOptions
            {
                // Without --image or --hist, lines: more than PlotOptions.MaxLines series is an error naming both.
                Kind = parse.GetValue(image) ? PlotKind.Image : parse.GetValue(hist) ? PlotKind.Histogram : PlotKind.Lines,
                Columns = parse.GetValue(columns),
                Width = parse.GetResult(width) is null ? PlotOptions.DefaultWidth : parse.GetValue(width),
                Height = parse.GetResult(height) is null ? PlotOptions.DefaultHeight : parse.GetValue(height),
            };
            var clock = System.Diagnostics.Stopwatch.StartNew();
            PlotResult result;
            try
            {
                result = RemoteLocation.Is(picture)
                    ? await PlotToStoreAsync(host.Services, plotter, path, picture, read.ToRequest(parse, input: path), options, cancellationToken)
                    : await plotter.PlotToFileAsync(path, picture, read.ToRequest(parse, input: path), options, cancellationToken);
            }
            catch (PlotOptionException e)
            {
                throw WithFlags(e);
            }

            await context.Error.WriteLineAsync($"wrote {picture} ({result}) in {clock.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return command;
    }

    // A picture for a store (s3://bucket/p.png) goes through the storage that serves it: nothing appears unless the
    // whole picture is written.
    private static async Task<PlotResult> PlotToStoreAsync(IServiceProvider services, ArrayPlotter plotter, string path, string picture, ReadRequest read,
        PlotOptions options, CancellationToken cancellationToken)
    {
        ArrayPlotter.TryGetImageFormat(picture, out var format);
        var storage = services.GetServices<IArrayStorage>().FirstOrDefault(s => s.Handles(picture))
            ?? throw new ArrayFileAccessException($"{picture}: no storage serves this location", missing: true);
        await using var pending = storage.GetOutput(picture).Create();
        var result = await plotter.PlotAsync(path, pending.Stream, format, read, options, cancellationToken);
        await pending.CommitAsync(cancellationToken);
        return result;
    }

    // The library names no command-line flags (as ErrorText's hints, here because only this build knows the type).
    private static ArrayFormatException WithFlags(PlotOptionException e) => new(
        e.Option == nameof(PlotOptions.Columns) ? $"--columns: {e.Problem}" : $"{e.Problem}: choose some with --columns, or draw all with --image", e)
    {
        SourcePath = e.SourcePath,
    };

    private static string OutputPath(string text) =>
        ArrayPlotter.TryGetImageFormat(text, out _) ? text : throw new FormatException("a file name ending in .png or .svg");
}
