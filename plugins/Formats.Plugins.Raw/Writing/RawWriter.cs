using Formats.IO;

namespace Formats.Plugins.Raw.Writing;

/// <summary>Writes the array's bytes in C order, as <c>ndarray.tofile</c> does.</summary>
internal sealed class RawWriter(Stream stream) : SingleArrayWriter(stream)
{
    protected override string FileKind => "a raw buffer";

    protected override ArrayWriteStream Begin(ArrayHeader header) =>
        header.IsFortranOnly ? new RawTransposingWriteStream(Stream, header) : new PassThroughWriteStream(Stream, header);
}
