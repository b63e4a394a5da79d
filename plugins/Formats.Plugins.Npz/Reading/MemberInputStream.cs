namespace Formats.Plugins.Npz.Reading;

/// <summary>A read-only stream view of a member's bytes, for <see cref="Formats.Npy.NpyHeaderCodec"/>.</summary>
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

    public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => input.Read(buffer);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
