namespace Formats.Plugins.Zarr.Tests;

/// <summary>Writes and reads stores through the plugin alone, as a plugin author tests.</summary>
internal static class Stores
{
    public static void Write(string path, ArrayWriteOptions options, params (string? Name, ArrayHeader Header, byte[] Data)[] arrays)
    {
        using var writer = new ZarrFormat().CreateWriter(new FolderDirectory(path, writable: true), options);
        foreach (var (name, header, data) in arrays)
        {
            using var stream = writer.BeginArray(name, header);
            // Odd pieces, so that bands fill across writes.
            for (var at = 0; at < data.Length; at += 7)
            {
                stream.Write(data.AsSpan(at, Math.Min(7, data.Length - at)));
            }

            stream.Complete();
        }

        writer.Complete();
    }

    public static byte[] Read(string path, string? name = null, RowRange? rows = null)
    {
        using var reader = new ZarrFormat().CreateReader(new FolderDirectory(path), ArrayReadOptions.Default);
        using var data = reader.OpenData(name, rows);
        var bytes = new byte[data.Header.ByteLength];
        data.ReadExactly(bytes);
        return bytes;
    }

    public static byte[] Pattern(long length)
    {
        var bytes = new byte[length];
        new Random(12345).NextBytes(bytes);
        return bytes;
    }
}
