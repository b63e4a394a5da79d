namespace Formats.Plugins.Raw.Writing;

/// <summary>Passes C-order data bytes straight to the file.</summary>
internal sealed class RawWriteStream(Stream target, ArrayHeader header) : ArrayWriteStream(header)
{
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        CheckRoom(buffer.Length);
        target.Write(buffer);
        Written += buffer.Length;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        CheckRoom(buffer.Length);
        await target.WriteAsync(buffer, cancellationToken);
        Written += buffer.Length;
    }

    public override void Complete() => CheckComplete();

    public override void Flush() => target.Flush();
}
