using System.CommandLine;
using System.Globalization;
using Formats.Printing;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats diff A B [--name M] [--rtol R] [--atol A] [--equal-nan] [--max N] [--json]</c>: compares two arrays
/// (<see cref="ArrayFiles.DiffAsync(string, string, DiffRequest?, CancellationToken)"/>) and prints the first differences and their count. Exit codes follow
/// <c>cmp</c> and <c>diff</c>: 0 equal, 1 different, 2 trouble (unlike the other commands, whose failures exit 1).
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var pathA = new Argument<string>("A") { Description = "The first file" };
        var pathB = new Argument<string>("B") { Description = "The second file" };
        var rtol = Tolerance("--rtol", "Relative tolerance: compare as np.isclose (default 1e-05 when --atol is given)", "R");
        var atol = Tolerance("--atol", "Absolute tolerance: compare as np.isclose (default 1e-08 when --rtol is given)", "A");
        var equalNaN = new Option<bool>("--equal-nan") { Description = "NaN equals NaN (NumPy's equal_nan)" };
        var max = ParsedOption.Create<int?>("--max", t => (int)ParsedOption.Integer(t, 0, int.MaxValue), "Differences to print (default 10); all are counted", "N");
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var name = new Option<string?>("--name") { Description = "The member compared on each side that is an archive (two .npz without it: every member)", HelpName = "MEMBER" };
        var read = new ReadOptionSet();
        var command = new Command("diff",
            "Compare two arrays (any formats; --name picks an archive's member; two .npz without --name: every member by name): dtype, shape and every value, exactly as np.array_equal or, "
            + "with --rtol/--atol, as np.isclose. Prints the first differences and their count; exit 0 equal, 1 different, 2 error")
        {
            pathA, pathB, name, rtol, atol, equalNaN, max, json,
        };
        read.AddLayoutTo(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                using var host = context.BuildHost(parse);
                var files = host.Services.GetRequiredService<ArrayFiles>();
                string a = parse.GetValue(pathA)!, b = parse.GetValue(pathB)!;
                var request = new DiffRequest
                {
                    ReadA = SideRequest(parse, read, a),
                    ReadB = SideRequest(parse, read, b),
                    Member = parse.GetValue(name),
                    RelativeTolerance = parse.GetValue(rtol),
                    AbsoluteTolerance = parse.GetValue(atol),
                    EqualNaN = parse.GetValue(equalNaN),
                    MaxDifferences = parse.GetValue(max) ?? 10,
                };
                if (request.Member is null && IsArchive(a) && IsArchive(b))
                {
                    var members = await files.DiffMembersAsync(a, b, request, cancellationToken);
                    await context.Output.WriteAsync(parse.GetValue(json) ? DiffJson.Format(a, b, members) + "\n" : Text(a, b, members));
                    return members.Equal ? 0 : 1;
                }

                var diff = await files.DiffAsync(a, b, request, cancellationToken);
                await context.Output.WriteAsync(parse.GetValue(json) ? DiffJson.Format(a, b, diff) + "\n" : Text(diff, ""));
                return diff.Equal ? 0 : 1;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await context.Error.WriteLineAsync("error: " + ErrorText.Describe(e));
                return 2;
            }
        });
        return command;
    }

    private static Option<double?> Tolerance(string name, string description, string helpName) =>
        ParsedOption.Create<double?>(name, t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v >= 0 && double.IsFinite(v)
            ? v
            : throw new FormatException("a number of at least 0"), description, helpName);

    // The layout options (--dtype, --shape, ...) describe raw or text input: they apply to a side not named .npy or .npz.
    private static ReadRequest SideRequest(ParseResult parse, ReadOptionSet read, string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".npy" or ".npz" && parse.GetValue(read.From) is null
            ? new ReadRequest { MaxHeaderSize = parse.GetValue(read.MaxHeaderSize) }
            : read.ToRequest(parse, withMember: false, withRows: false, input: path);

    private static bool IsArchive(string path) => Path.GetExtension(path).Equals(".npz", StringComparison.OrdinalIgnoreCase);

    // Two archives without --name: every member both hold, each line led by its name, and those only one holds.
    private static string Text(string a, string b, ArchiveDiff diff)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (path, names) in new[] { (a, diff.OnlyInA), (b, diff.OnlyInB) })
        {
            foreach (var name in names)
            {
                text.Append(CultureInfo.InvariantCulture, $"only in {path}: {name}\n");
            }
        }

        foreach (var (name, member) in diff.Members)
        {
            text.Append(Text(member, name + ": "));
        }

        return text.ToString();
    }

    private static string Text(ArrayDiff diff, string prefix)
    {
        var text = new System.Text.StringBuilder();
        if (diff.DTypesDiffer)
        {
            text.Append(CultureInfo.InvariantCulture, $"{prefix}dtype: {diff.A.DType.TypeString} != {diff.B.DType.TypeString}\n");
        }

        if (diff.ShapesDiffer)
        {
            text.Append(CultureInfo.InvariantCulture, $"{prefix}shape: {diff.A.Shape} != {diff.B.Shape}\n");
            return text.ToString();
        }

        foreach (var d in diff.Differences)
        {
            text.Append(CultureInfo.InvariantCulture, $"{prefix}[{string.Join(", ", d.Index)}]: {d.A} != {d.B}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{prefix}{diff.DifferenceCount} of {diff.A.ElementCount} elements differ\n");
        return text.ToString();
    }
}
