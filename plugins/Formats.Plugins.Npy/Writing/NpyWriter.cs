using Formats.IO;
using Formats.Numpy;

namespace Formats.Plugins.Npy.Writing;

/// <summary>Writes the header exactly as <c>np.save</c> does, then the data as it arrives.</summary>
internal sealed class NpyWriter(Stream stream) : SingleArrayWriter(stream)
{
    protected override string FileKind => "an NPY file";

    protected override ArrayWriteStream Begin(ArrayHeader header)
    {
        Stream.Write(NpyHeaderCodec.Encode(header));
        return new PassThroughWriteStream(Stream, header);
    }
}
