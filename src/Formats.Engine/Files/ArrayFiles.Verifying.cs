using System.Buffers;

namespace Formats;

/// <summary>A whole-file check: every array read in full, so the readers check all the format lets them.</summary>
public sealed partial class ArrayFiles
{
    /// <summary>
    /// Reads every array of <paramref name="path"/> in full, so that the readers check all the format lets them (NPY
    /// header and data length; each archive member's directory and local header, sizes, NPY header and CRC-32), and also
    /// refuses an NPY file with bytes after the data, which <c>np.load</c> ignores but <c>np.save</c> never writes.
    /// A failure is returned, not thrown, so that a caller checking many files goes on to the next.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="request">How to read it (a raw file's layout); the member and rows are ignored: all is read.</param>
    /// <param name="cancellationToken">Stops between chunks.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public ArrayVerification Verify(string path, ReadRequest? request = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var arrays = 0;
        var bytes = 0L;
        try
        {
            using var file = Open(path, (request ?? ReadRequest.Default).ForFile);
            var buffer = ArrayPool<byte>.Shared.Rent(1 << 20);
            try
            {
                foreach (var name in file.Names)
                {
                    var entry = file.Describe(name);

                    // A whole read: the data stream checks lengths, and an archive member's CRC-32 at its end.
                    using (var data = file.OpenData(name))
                    {
                        int n;
                        while ((n = data.Read(buffer, 0, buffer.Length)) > 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            bytes += n;
                        }
                    }

                    if (file.Format.Name == "npy" && entry.Data is { } range && new FileInfo(path).Length is var length && length > range.End)
                    {
                        return new ArrayVerification(path, arrays, bytes,
                            new MalformedArrayException($"{length - range.End} byte(s) after the data (np.load ignores them, np.save never writes them)") { SourcePath = path });
                    }

                    arrays++;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            return new ArrayVerification(path, arrays, bytes, null);
        }
        catch (Exception e) when (e is ArrayFormatException or IOException or UnauthorizedAccessException)
        {
            return new ArrayVerification(path, arrays, bytes, e);
        }
    }
}
