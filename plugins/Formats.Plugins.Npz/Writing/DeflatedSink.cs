using Formats.Compression;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Writing;

/// <summary>
/// A deflated member: its bytes go through a <see cref="ChunkedDeflateSink"/> (parallel pieces joined into one deflate
/// stream), whose restart index must fit the central directory's <see cref="RestartIndexExtra"/> field.
/// </summary>
internal sealed class DeflatedSink(ZipOutput output, int level, int parallelism, int pieceSize, long memberLength) : IMemberSink
{
    private readonly ChunkedDeflateSink deflater = new(output, level, parallelism, pieceSize, memberLength, RestartIndexExtra.MaxDataLength);

    public void Write(ReadOnlySpan<byte> data) => deflater.Write(data);

    public MemberTotals Finish()
    {
        var totals = deflater.Finish();
        return new MemberTotals(totals.Crc32, totals.CompressedSize, totals.UncompressedSize, totals.Restarts);
    }

    public void Dispose() => deflater.Dispose();
}
