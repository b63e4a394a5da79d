namespace Formats.Storage;

/// <summary>Storage in one managed byte array (up to <see cref="Array.MaxLength"/> bytes).</summary>
internal sealed class ManagedArrayStorage : ArrayStorage
{
    private readonly byte[] buffer;

    /// <summary>Wraps <paramref name="buffer"/> without copying.</summary>
    public ManagedArrayStorage(byte[] buffer) => this.buffer = buffer;

    /// <summary>Allocates <paramref name="length"/> bytes without clearing them.</summary>
    public static ManagedArrayStorage Allocate(int length) => new(GC.AllocateUninitializedArray<byte>(length));

    /// <inheritdoc />
    public override long Length => buffer.Length;

    /// <inheritdoc />
    public override Span<byte> GetSpan(long offset, int length) => Window(buffer, offset, length).Span;

    /// <inheritdoc />
    public override Memory<byte> GetMemory(long offset, int length) => Window(buffer, offset, length);
}
