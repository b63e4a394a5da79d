namespace Formats.Plugins.Raw.Writing;

/// <summary>
/// Collects Fortran-ordered data and writes it in C order on completion. A transpose needs the whole array,
/// so this path is limited to arrays that fit one buffer.
/// </summary>
internal sealed class RawTransposingWriteStream : ArrayWriteStream
{
    private const long Limit = 1L << 30;
    private readonly Stream target;
    private readonly byte[] buffer;

    public RawTransposingWriteStream(Stream target, ArrayHeader header)
        : base(header)
    {
        if (header.ByteLength > Limit)
        {
            throw new UnsupportedArrayException(
                $"writing a Fortran-ordered array of {header.ByteLength} bytes as a C-order raw buffer needs a transpose larger than {Limit} bytes");
        }

        this.target = target;
        buffer = GC.AllocateUninitializedArray<byte>((int)header.ByteLength);
    }

    public override void Write(ReadOnlySpan<byte> data)
    {
        CheckRoom(data.Length);
        data.CopyTo(buffer.AsSpan((int)Written));
        Written += data.Length;
    }

    public override void Complete()
    {
        CheckComplete();
        var c = GC.AllocateUninitializedArray<byte>(buffer.Length);
        ArrayTranspose.FortranToC(buffer, c, Header.Shape, Header.DType.ItemSize);
        target.Write(c);
    }

    public override void Flush()
    {
    }
}
