namespace Formats.IO;

/// <summary>
/// An array's data written straight to the underlying stream, counted against the header.
/// The underlying stream belongs to the caller.
/// </summary>
public class PassThroughWriteStream(Stream target, ArrayHeader header) : ArrayWriteStream(header)
{
    /// <summary>The stream the data goes to.</summary>
    protected Stream Target { get; } = target;

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckRoom(buffer.Length);
        Target.Write(buffer);
        Written += buffer.Length;
    }

    /// <inheritdoc />
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CheckRoom(buffer.Length);
        await Target.WriteAsync(buffer, cancellationToken);
        Written += buffer.Length;
    }

    /// <inheritdoc />
    public override void Complete() => CheckComplete();

    /// <inheritdoc />
    public override void Flush() => Target.Flush();
}
