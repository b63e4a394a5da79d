using System.CommandLine;
using Formats.Host.Output;
using Formats.Plugins.Text;
using Formats.Plugins.Zarr;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary><c>formats convert INPUT OUTPUT</c>: stream arrays from one file (or folder) into another.</summary>
internal static class ConvertCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "The file (or folder of .npy files) to read and the file to write (a path ending in / extracts every member into that folder); with --outdir, only inputs",
            Arity = ArgumentArity.OneOrMore,
            HelpName = "INPUT... OUTPUT",
        };
        var outdir = new Option<string?>("--outdir") { Description = "Convert every INPUT into DIR/<name>.<extension of --to, else the input's>, in parallel; one failing input does not stop the others", HelpName = "DIR" };
        var parallel = ParsedOption.Create<int?>("--parallel", t => (int)ParsedOption.Integer(t, 1, 1024),
            "With --outdir, files converted at once (default: the core count, fewer when the inputs are small)", "N");
        var to = new Option<string?>("--to") { Description = "Output format (default: from the extension)", HelpName = "FMT" };
        var compress = new Option<bool>("--compress") { Description = "Compress archive output (like np.savez_compressed)" };
        var level = ParsedOption.Create<int?>("--level", t => (int)ParsedOption.Integer(t, 0, 9), "Compression level 0-9; 0 means stored", "0-9");
        var align = ParsedOption.Create<int>("--align", Alignment,
            "Start each stored array's data on a multiple of N bytes (a power of two up to 65536; .npz pads local headers, docs/npz.md)", "N");
        var fmt = new Option<string?>("--fmt") { Description = "Text output (.csv, .tsv, .txt): one value's format, as np.savetxt's fmt (default %.18e; %d, %.6g, %10.3f, ...)", HelpName = "FMT" };
        var header = new Option<string?>("--header") { Description = "Text output: a header line (or lines) written behind '# ', as np.savetxt's header", HelpName = "TEXT" };
        var chunks = ParsedOption.Create<long[]?>("--chunks", t => [.. ArrayShape.Parse(t).Dimensions.ToArray()],
            "Zarr output: the chunk shape, one length per axis (default: whole rows, about 4 MiB a chunk)", "N,N,...");
        var shard = ParsedOption.Create<long[]?>("--shard", t => [.. ArrayShape.Parse(t).Dimensions.ToArray()],
            "Zarr output: the shard shape, a multiple of --chunks on every axis; each stored object is then a shard of chunks (sharding_indexed)", "N,N,...");
        var codec = ParsedOption.Create<ZarrCodec?>("--codec", Codec,
            "Zarr output: the compressor, zstd (default), gzip, blosc-lz4, blosc-zstd, blosc-zlib (byte shuffle) or none; --level sets its level", "NAME");
        var read = new ReadOptionSet();
        var cast = new CastOptionSet();
        var command = new Command("convert", "Convert between formats, streaming the data. A partial read (--rows) of an archive member cannot check its CRC-32; a whole one always does") { paths, outdir, parallel, to, read.Name, read.Rows, compress, level, align, fmt, header, chunks, shard, codec };
        foreach (var o in read.Layout.Concat(cast.All))
        {
            command.Options.Add(o);
        }

        command.Validators.Add(result =>
        {
            var given = result.GetValue(paths) ?? [];
            var count = given.Length;
            // A path list takes any token, so an option nobody defined would otherwise pass as a file name.
            if (PathList.FirstUnknownOption(given) is { } unknown)
            {
                result.AddError($"Unrecognized command or argument '{unknown}'.");
            }
            else if (result.GetValue(outdir) is null && count != 2)
            {
                result.AddError($"convert takes an INPUT and an OUTPUT, or inputs and --outdir DIR ({count} path(s) given)");
            }
            else if (result.GetValue(outdir) is null && result.GetResult(parallel) is not null)
            {
                result.AddError("--parallel applies to many inputs converted with --outdir");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var all = parse.GetValue(paths)!;
            var request = read.ToRequest(parse, input: parse.GetValue(outdir) is null ? all[0] : null);
            // --name selects the member read from an archive, and names the member written to one.
            var write = new WriteRequest
            {
                Format = parse.GetValue(to),
                Compress = parse.GetValue(compress),
                CompressionLevel = parse.GetValue(level),
                Alignment = parse.GetValue(align),
                MemberName = parse.GetValue(read.Name),
                Cast = cast.ToRequest(parse),
            };
            if (parse.GetValue(fmt) is not null || parse.GetValue(header) is not null)
            {
                write = write.With(new TextWriteOptions { Format = parse.GetValue(fmt) ?? TextWriteOptions.Default.Format, Header = parse.GetValue(header) ?? "" });
            }

            // An option not given is still parsed (from no tokens), so ask whether it was given, not for its value.
            if (parse.GetResult(chunks) is not null || parse.GetResult(shard) is not null || parse.GetResult(codec) is not null)
            {
                write = write.With(new ZarrWriteOptions
                {
                    Chunks = parse.GetResult(chunks) is null ? null : parse.GetValue(chunks),
                    Shard = parse.GetResult(shard) is null ? null : parse.GetValue(shard),
                    Codec = parse.GetResult(codec) is null ? ZarrCodec.Zstd : parse.GetValue(codec) ?? ZarrCodec.Zstd,
                    Level = parse.GetValue(level),
                });
            }

            if (parse.GetValue(outdir) is { } folder)
            {
                return await new BatchConversion(files, request, write, context.Error).RunAsync(all, folder, parse.GetValue(parallel), cancellationToken);
            }

            var (source, target) = (all[0], all[1]);
            var result = await ProgressDisplay.RunAsync($"{Path.GetFileName(source)} -> {Path.GetFileName(target)}",
                progress => files.ConvertAsync(source, target, request, write, progress, cancellationToken));
            await context.Error.WriteLineAsync(
                $"wrote {result.Output} ({result.Format.Name}, {result.Arrays.Count} array(s), {result.DataBytes} data bytes)");
            return 0;
        });
        return command;
    }

    private static ZarrCodec? Codec(string text) => text switch
    {
        "zstd" => ZarrCodec.Zstd,
        "gzip" => ZarrCodec.Gzip,
        "none" => ZarrCodec.None,
        "blosc-lz4" => ZarrCodec.BloscLz4,
        "blosc-zstd" => ZarrCodec.BloscZstd,
        "blosc-zlib" => ZarrCodec.BloscZlib,
        _ => throw new FormatException("zstd, gzip, blosc-lz4, blosc-zstd, blosc-zlib or none"),
    };

    // A power of two from 1 to 64 KiB (the largest page size in use).
    private static int Alignment(string text)
    {
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value is >= 1 and <= 65536 && (value & (value - 1)) == 0
                ? value
                : throw new FormatException("a power of two from 1 to 65536");
    }
}
