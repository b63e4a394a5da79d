using Formats.Pipeline;
using Formats.Routing;

namespace Formats.Files;

/// <summary>
/// Appends rows to a file along axis 0: in place when its format can grow the file (NumPy's header reserve), else
/// by a conversion plan that writes the file's rows and the new ones into a replacement.
/// </summary>
internal sealed class RowAppending(FormatRouter router, ArrayFormatsOptions options, ConversionPipeline pipeline,
    Func<string, ReadRequest, ArrayFileReader> open)
{
    /// <summary>Appends; returns the rows added and whether it happened in place.</summary>
    public async Task<(long Rows, bool InPlace)> AppendAsync(string target, string source, ReadRequest sourceRequest,
        IProgress<ArrayProgress>? progress, CancellationToken cancellationToken)
    {
        var targetRequest = new ReadRequest { MaxHeaderSize = sourceRequest.MaxHeaderSize };
        IAppendableArrayFormat format;
        long rows;
        using (var input = open(source, sourceRequest.ForFile))
        {
            var (entry, selection, header) = input.Resolve(sourceRequest);
            rows = header.Shape.Rank > 0 ? header.Shape[0] : 0;
            await using var stream = FileOpening.OpenForUpdate(target);
            format = FileErrors.Guard(target, () => router.ForRead(stream, target)) as IAppendableArrayFormat
                ?? throw new ArrayFormatException("this format cannot be appended to") { SourcePath = target };
            var inPlace = FileErrors.Guard(target, () => format.TryBeginAppend(stream, header, RequestOptions.ToReadOptions(targetRequest, options)));
            if (inPlace is not null)
            {
                using (inPlace)
                {
                    await FileErrors.GuardAsync(target, async () =>
                    {
                        using var chunks = ChunkSource.Of(input.OpenData(entry.Name, selection), source, options.CopyBufferSize);
                        await ArrayCopy.RunAsync(chunks, inPlace, "", 0, header.ByteLength, progress, useAsync: true, cancellationToken);
                        await ArrayCopy.CompleteAsync(inPlace, useAsync: true, cancellationToken);
                        return true;
                    });
                }

                return (rows, true);
            }
        }

        // No room in the header: the file's rows and the new ones, written beside it and swapped in.
        await pipeline.RunAsync(new ConversionPlan
        {
            Output = target,
            Write = new WriteRequest { Format = format.Name },
            Arrays = [new PlannedArray("", [ArrayInput.FromFile(target, targetRequest with { Format = format.Name }), ArrayInput.FromFile(source, sourceRequest)])],
        }, progress, useAsync: true, opened: null, cancellationToken);
        return (rows, false);
    }
}
