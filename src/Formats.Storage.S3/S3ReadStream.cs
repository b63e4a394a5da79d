namespace Formats.Storage.S3;

/// <summary>
/// A seekable stream over an <see cref="S3ArraySource"/>: each read outside the current window fetches a new one, of the
/// read-ahead size at first and doubling while the reads go on in order (a streamed member), back to the start size
/// after a seek. A seek into the middle of the object (a member's header, a row) fetches a smaller window: its reads
/// are small, and an archive's members each cost one such GET. Memory is one window at most.
/// </summary>
internal sealed class S3ReadStream(S3ArraySource source, int readAhead, int maxReadAhead) : Stream
{
    /// <summary>The window after a seek into the middle: a zip local header, an NPY header and a few rows.</summary>
    private const int SeekWindow = 16 << 10;

    private readonly int startSize = readAhead;
    private ArraySegment<byte> window = ArraySegment<byte>.Empty;
    private byte[]? own;
    private long windowStart;
    private long position;
    private int nextSize;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => source.Length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        if (position < windowStart || position >= windowStart + window.Count)
        {
            var inOrder = nextSize > 0 && window.Count > 0 && position == windowStart + window.Count;
            nextSize = inOrder ? (int)Math.Min((long)nextSize * 2, maxReadAhead) : StartSize();
            if (buffer.Length >= nextSize)
            {
                // A large read goes straight into the caller's buffer.
                var n = source.ReadAt(position, buffer);
                position += n;
                return n;
            }

            if (nextSize > source.KeptWindowBytes)
            {
                // A large window (a member streamed on) is read into one buffer of the stream's own, reused for each
                // GET: a new 8 MiB array per GET would be garbage the collector lets pile up.
                own ??= new byte[maxReadAhead];
                window = new ArraySegment<byte>(own, 0, source.ReadAt(position, own.AsSpan(0, nextSize)));
            }
            else
            {
                window = source.Window(position, nextSize);
            }

            windowStart = position;
            if (window.Count == 0)
            {
                return 0;
            }
        }

        var available = window.AsSpan((int)(position - windowStart));
        var count = Math.Min(available.Length, buffer.Length);
        available[..count].CopyTo(buffer);
        position += count;
        return count;
    }

    // The whole read-ahead at the start (routing, headers) and near the end (an archive's central directory).
    private int StartSize()
    {
        var known = source.KnownLength;
        return position == 0 || known < 0 || position + startSize >= known ? startSize : Math.Min(startSize, SeekWindow);
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
