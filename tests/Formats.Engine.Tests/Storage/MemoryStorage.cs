namespace Formats.Engine.Tests.Storage;

/// <summary>
/// <see cref="MemoryStore"/> behind the location seam: <c>mem://key</c> strings become its sources and outputs, and a
/// prefix ending in <c>/</c> is a directory, as a bucket prefix is.
/// </summary>
internal sealed class MemoryStorage(MemoryStore store) : IArrayStorage
{
    public bool Handles(string location) => location.StartsWith(MemoryStore.Scheme, StringComparison.Ordinal);

    public IArraySource GetSource(string location) => store.Source(MemoryStore.Key(location));

    public IArrayOutput GetOutput(string location) => store.Output(MemoryStore.Key(location));

    public IArrayDirectory? GetDirectory(string location)
    {
        var prefix = Prefix(location);
        return store.Objects.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal)) ? new Folder(store, location, prefix, null) : null;
    }

    public IArrayDirectoryOutput CreateDirectory(string location) => new Folder(store, location, Prefix(location), []);

    private static string Prefix(string location) => MemoryStore.Key(location).TrimEnd('/') + "/";

    // A prefix being read, or (with staged entries) being written: entries are published together on Commit.
    private sealed class Folder(MemoryStore store, string name, string prefix, Dictionary<string, MemoryStream>? staged) : IArrayDirectoryOutput
    {
        public string Name => name;

        public bool CanWrite => staged is not null;

        public IReadOnlyList<string> List(string folder = "")
        {
            var keys = staged is null ? store.Objects.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k[prefix.Length..]) : staged.Keys;
            return [.. keys.Where(k => k.StartsWith(folder, StringComparison.Ordinal))
                .Select(k => k[folder.Length..] is var rest && rest.IndexOf('/', StringComparison.Ordinal) is var slash and >= 0 ? folder + rest[..(slash + 1)] : k)
                .Distinct().Order(StringComparer.Ordinal)];
        }

        public Stream OpenRead(string entry) => store.Objects.TryGetValue(prefix + entry, out var bytes)
            ? new MemoryStream(bytes, writable: false)
            : throw new ArrayFileAccessException($"no entry '{entry}'", missing: true) { SourcePath = name };

        public Stream Create(string entry)
        {
            if (staged is null)
            {
                throw new NotSupportedException($"{name} is being read");
            }

            var stream = new MemoryStream();
            lock (staged)
            {
                staged[entry] = stream;
            }

            return stream;
        }

        public void Commit()
        {
            foreach (var (entry, stream) in staged ?? [])
            {
                store.Objects[prefix + entry] = stream.ToArray();
            }
        }

        public void Dispose()
        {
        }
    }
}
