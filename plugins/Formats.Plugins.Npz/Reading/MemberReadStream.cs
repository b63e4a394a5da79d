using System.Buffers;
using System.IO.Hashing;

namespace Formats.Plugins.Npz.Reading;

/// <summary>
/// One member's array data, read lazily in the caller's chunks. A full read checks the member's CRC-32 (over
/// preamble, data and any trailing bytes) and that it inflates to exactly its declared size, in the read that
/// delivers the last data byte, so a corrupt member never reads as complete. A row selection skips to its rows
/// and cannot check the CRC (it does not see every byte).
/// </summary>
internal sealed class MemberReadStream : ArrayReadStream
{
    private const int PieceSize = 1 << 20;
    private readonly MemberInput input;
    private readonly bool verify;
    private readonly Crc32? crc;
    private readonly int preambleLength;
    private readonly long trailing;
    private long skip;
    private long remaining;
    private bool started;

    /// <param name="header">The array (or selected rows) this stream yields.</param>
    /// <param name="input">The member's bytes from the start of its NPY preamble.</param>
    /// <param name="preambleLength">Bytes of NPY magic, length and header before the data.</param>
    /// <param name="skip">Data bytes to pass over before the first yielded byte (row selection).</param>
    /// <param name="verify">True for a full read: check CRC-32 and size at the end.</param>
    /// <param name="trailing">Bytes after the array data up to the member's end (read and checked on a full read).</param>
    public MemberReadStream(ArrayHeader header, MemberInput input, int preambleLength, long skip, bool verify, long trailing)
        : base(header)
    {
        this.input = input;
        this.preambleLength = preambleLength;
        this.skip = skip;
        this.trailing = trailing;
        remaining = header.ByteLength;
        this.verify = verify;

        // An input that inflates on several threads hashes there too; this thread only copies.
        crc = verify && !input.TracksCrc ? new Crc32() : null;
    }

    public override long Remaining => remaining;

    public override int Read(Span<byte> buffer)
    {
        if (!started)
        {
            Start();
        }

        if (remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }

        // Large requests are filled piece by piece, each hashed while it is still in the cache.
        buffer = buffer[..(int)Math.Min(buffer.Length, remaining)];
        var total = 0;
        do
        {
            var piece = buffer.Slice(total, Math.Min(buffer.Length - total, PieceSize));
            var n = input.Read(piece);
            if (n == 0)
            {
                throw input.Truncated();
            }

            crc?.Append(piece[..n]);
            total += n;
        }
        while (total < buffer.Length && input.FillsLargeReads);

        remaining -= total;
        if (remaining == 0 && verify)
        {
            Finish();
        }

        return total;
    }

    private void Start()
    {
        started = true;
        Consume(preambleLength);
        if (!verify)
        {
            // A row selection: stored members skip by position, deflated ones inflate and discard.
            input.Skip(skip);
        }
        else
        {
            Consume(skip);
        }

        skip = 0;
        if (remaining == 0 && verify)
        {
            Finish();
        }
    }

    // Reads and discards (but hashes) bytes that are not yielded.
    private void Consume(long count)
    {
        if (count == 0)
        {
            return;
        }

        var scratch = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, 1 << 16));
        try
        {
            while (count > 0)
            {
                var span = scratch.AsSpan(0, (int)Math.Min(scratch.Length, count));
                input.ReadExactly(span);
                crc?.Append(span);
                count -= span.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private void Finish()
    {
        Consume(trailing);
        input.CheckEnd();
        var computed = crc?.GetCurrentHashAsUInt32() ?? input.Crc;
        if (computed != input.Entry.Crc32)
        {
            throw new MalformedArrayException(
                $"member '{input.Entry.FileName}' is corrupt: CRC-32 mismatch (directory says 0x{input.Entry.Crc32:X8}, data gives 0x{computed:X8})");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            input.Dispose();
        }

        base.Dispose(disposing);
    }
}
