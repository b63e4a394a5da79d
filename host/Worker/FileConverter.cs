using System.Diagnostics;
using Formats.Numpy;

namespace Formats.Host.Worker;

/// <summary>What one conversion read and wrote.</summary>
/// <param name="Output">The committed output file.</param>
/// <param name="BytesIn">Size of the input file.</param>
/// <param name="BytesOut">Size of the output file.</param>
/// <param name="Elapsed">Time the conversion took.</param>
internal sealed record ConversionOutcome(string Output, long BytesIn, long BytesOut, TimeSpan Elapsed);

/// <summary>
/// The per-file step shared by the folder worker and the queue worker: converts one input into one output through the
/// engine's public API, which writes a temporary file beside the output and renames it, so the output either appears
/// complete or not at all. It does not move the input; the caller decides where the input goes.
/// </summary>
internal sealed class FileConverter(ArrayFiles files)
{
    /// <summary>The output path for <paramref name="inputName"/> in <paramref name="outbox"/>: its name with the target format's extension.</summary>
    /// <exception cref="ArrayFormatException">No format named <see cref="ConversionSettings.To"/> is loaded.</exception>
    public string OutputPathFor(string inputName, string outbox, ConversionSettings settings)
    {
        var format = files.Router.Registry.Find(settings.To)
            ?? throw new ArrayFormatException($"no format named '{settings.To}' is loaded (known: {string.Join(", ", files.Router.Registry.Names)})");
        var extension = format.Extensions.Count > 0 ? format.Extensions[0] : "." + format.Name;
        return Path.Combine(outbox, Path.GetFileNameWithoutExtension(inputName) + extension);
    }

    /// <summary>Converts <paramref name="input"/> into <paramref name="output"/> (replacing it atomically if it exists).</summary>
    /// <exception cref="ArrayFormatException">The input cannot be read as the settings say, or cannot be written as asked; the message names the file.</exception>
    /// <exception cref="IOException">A file-system failure (disk full, input vanished, outbox not writable).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; no output was committed.</exception>
    /// <remarks>Synchronous, on the caller's thread: the worker converts on threads of its own, one per file at a time.</remarks>
    public ConversionOutcome Convert(string input, string output, ConversionSettings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var bytesIn = new FileInfo(input).Length;
        var read = ReadRequestFor(input, settings);
        var write = new WriteRequest
        {
            Format = settings.To,
            Compress = settings.Compress,
            CompressionLevel = settings.Level,
            MemberName = settings.Member ?? Path.GetFileNameWithoutExtension(input),
        };
        var result = files.Convert(input, output, read, write, progress: null, cancellationToken);
        return new ConversionOutcome(result.Output, bytesIn, new FileInfo(result.Output).Length, clock.Elapsed);
    }

    /// <summary>
    /// Deletes the temporary files a killed conversion into <paramref name="output"/> left beside it. They carry the
    /// engine's temporary name (<c>.NAME.*.tmp</c>, see <c>AtomicFile</c>), hidden, so nobody mistakes them for output.
    /// Called before a crashed conversion is run again.
    /// </summary>
    public static int RemoveStaleTemporaries(string output)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(output))!;
        var removed = 0;
        foreach (var stale in Directory.EnumerateFiles(folder, $".{Path.GetFileName(output)}.*.tmp"))
        {
            try
            {
                File.Delete(stale);
                removed++;
            }
            catch (IOException)
            {
            }
        }

        return removed;
    }

    private static ReadRequest ReadRequestFor(string input, ConversionSettings settings)
    {
        if (settings.DType is null)
        {
            return settings.Shape is null && settings.Order is null && settings.Offset == 0
                ? new ReadRequest { Format = settings.From }
                : throw new ArrayFormatException("a rule's Shape, Offset and Order describe raw input and need DType") { SourcePath = input };
        }

        var dtype = DTypeDescr.Parse(settings.DType);
        var order = settings.Order?.ToUpperInvariant() switch
        {
            null or "C" => ArrayOrder.C,
            "F" or "FORTRAN" => ArrayOrder.Fortran,
            _ => throw new ArrayFormatException($"order '{settings.Order}' is not C or F"),
        };
        // A -1 in the shape is inferred by the raw reader from the file's size.
        var layout = new RawLayout(dtype, null, settings.Offset, order);
        return new ReadRequest { Format = settings.From ?? "raw", Layout = settings.Shape is null ? layout : layout.WithShape([.. settings.Shape]) };
    }
}
