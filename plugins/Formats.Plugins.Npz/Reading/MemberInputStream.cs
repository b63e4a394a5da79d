namespace Formats.Plugins.Npz.Reading;

/// <summary>
/// A read-only stream view of a member's bytes, for <see cref="Formats.Numpy.NpyHeaderCodec"/>. It remembers when the
/// member's data itself failed, so that such errors are told apart from the NPY header's.
/// </summary>
internal sealed class MemberInputStream(MemberInput input) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => input.Produced;
        set => throw new NotSupportedException();
    }

    /// <summary>True once reading the member's data threw.</summary>
    public bool Failed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return input.Read(buffer);
        }
        catch
        {
            Failed = true;
            throw;
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
