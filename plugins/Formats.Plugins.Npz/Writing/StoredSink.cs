using System.IO.Hashing;
using Formats.Plugins.Npz.Zip;

namespace Formats.Plugins.Npz.Writing;

/// <summary>A stored member: bytes pass straight through to the archive, hashed on the way (no buffering).</summary>
internal sealed class StoredSink(ZipOutput output) : IMemberSink
{
    private readonly Crc32 crc = new();
    private long length;

    public void Write(ReadOnlySpan<byte> data)
    {
        crc.Append(data);
        output.Write(data);
        length += data.Length;
    }

    public MemberTotals Finish() => new(crc.GetCurrentHashAsUInt32(), length, length);

    public void Dispose()
    {
    }
}
