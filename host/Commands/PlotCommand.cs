using System.CommandLine;
using Formats.Host.Plotting;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats plot FILE --out PLOT.png|.svg</c>: a picture of an array, made in one streaming pass. Names no
/// plotting-library type: the library is loaded only when this command's action runs.
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
        var width = ParsedOption.Create<int>("--width", t => (int)ParsedOption.Integer(t, 200, 10000), $"Picture width in pixels (default {PlotRequest.DefaultWidth})", "PX");
        var height = ParsedOption.Create<int>("--height", t => (int)ParsedOption.Integer(t, 150, 10000), $"Picture height in pixels (default {PlotRequest.DefaultHeight})", "PX");
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
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var request = new PlotRequest(
                parse.GetValue(input)!,
                read.ToRequest(parse, input: parse.GetValue(input)),
                parse.GetValue(output)!,
                parse.GetValue(image) ? PlotKind.Image : parse.GetValue(hist) ? PlotKind.Histogram : PlotKind.Lines,
                parse.GetValue(columns),
                parse.GetResult(width) is null ? PlotRequest.DefaultWidth : parse.GetValue(width),
                parse.GetResult(height) is null ? PlotRequest.DefaultHeight : parse.GetValue(height));
            var summary = await PlotRunner.RunAsync(files, request, cancellationToken);
            await context.Error.WriteLineAsync(summary);
            return 0;
        });
        return command;
    }

    private static string OutputPath(string text) =>
        text.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".svg", StringComparison.OrdinalIgnoreCase)
            ? text
            : throw new FormatException("a file name ending in .png or .svg");
}
