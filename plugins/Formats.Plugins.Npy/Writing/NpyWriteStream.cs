namespace Formats.Plugins.Npy.Writing;

/// <summary>Passes data bytes to the file, counting them against the header.</summary>
internal sealed class NpyWriteStream(Stream target, ArrayHeader header) : ArrayWriteStream(header)
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
