namespace Formats.Storage.S3;

/// <summary>A write-only, forward-only stream into an <see cref="S3Upload"/>; closing it runs <paramref name="onClose"/>.</summary>
internal sealed class S3UploadStream(S3Upload upload, Action<S3Upload>? onClose = null) : Stream
{
    private bool closed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => !closed;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => upload.Written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => upload.Write(buffer);

    public override void WriteByte(byte value) => Write([value]);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        upload.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        upload.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !closed)
        {
            closed = true;
            onClose?.Invoke(upload);
        }

        base.Dispose(disposing);
    }
}
