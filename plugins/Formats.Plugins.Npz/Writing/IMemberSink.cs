using Formats.Compression;

namespace Formats.Plugins.Npz.Writing;

/// <summary>Where a member's uncompressed bytes go: straight to the archive, or through a compressor.</summary>
internal interface IMemberSink : IDisposable
{
    /// <summary>Takes the next bytes of the member (NPY preamble first, then the data).</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>Writes anything still pending and returns what the central directory needs.</summary>
    MemberTotals Finish();
}

/// <summary>A finished member's CRC-32 and sizes, and where its deflate stream can be restarted (null if nowhere).</summary>
internal readonly record struct MemberTotals(uint Crc32, long CompressedSize, long UncompressedSize, RestartIndex? Restarts = null);
