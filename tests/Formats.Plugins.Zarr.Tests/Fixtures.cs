namespace Formats.Plugins.Zarr.Tests;

/// <summary>Reads arrays out of the zarr-python stores in shared/zarr-fixtures.</summary>
internal static class Fixtures
{
    public static string Root { get; } = FindRoot();

    public static string Path(string store) => System.IO.Path.Combine(Root, store);

    public static (ArrayEntry Entry, byte[] Data) Read(string store, string? member = null, RowRange? rows = null, FolderDirectory? directory = null)
    {
        directory ??= new FolderDirectory(Path(store));
        using var reader = new ZarrFormat().CreateReader(directory, ArrayReadOptions.Default);
        var entry = reader.Describe(member ?? string.Empty);
        using var data = reader.OpenData(member, rows);
        var bytes = new byte[data.Header.ByteLength];
        data.ReadExactly(bytes);
        Assert.Equal(0, data.Read(new byte[1]));
        return (entry, bytes);
    }

    public static float[] Floats(byte[] data) => [.. System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(data)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "zarr-fixtures");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            candidate = System.IO.Path.Combine(dir.FullName, "..", "shared", "zarr-fixtures");
            if (Directory.Exists(candidate))
            {
                return System.IO.Path.GetFullPath(candidate);
            }
        }

        var env = Environment.GetEnvironmentVariable("FORMATS_ZARR_FIXTURES");
        return env ?? "/work/shared/zarr-fixtures";
    }
}
