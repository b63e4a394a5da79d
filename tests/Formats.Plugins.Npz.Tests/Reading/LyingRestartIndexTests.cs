using System.Buffers.Binary;
using System.Text.Json;
using Formats.Compression;
using Formats.Plugins.Npz.Tests.Support;
using Formats.Printing;
using Formats.Testing;

namespace Formats.Plugins.Npz.Tests.Reading;

/// <summary>
/// A restart index that fits its entry but lies about the data (issue #19, item 10): every read path (whole reads on
/// one and several threads, row selections, the printed repr) must give exactly what NumPy loads from the same file,
/// or fail naming the member; never other values. The data itself is intact in every case, so every read must succeed.
/// </summary>
public sealed class LyingRestartIndexTests : IDisposable
{
    private const int Piece = 4096;
    private const int Count = 15_000;
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void EveryReadPathGivesNumPysValuesWhateverTheIndexClaims()
    {
        var (content, stored, index, values) = Member();
        var cases = Perturbations(index, content.Length, new Random(19)).ToList();
        var files = new List<(string File, string What)>();
        foreach (var (what, segmentLength, lengths) in cases)
        {
            var archive = RawZip.Build([new RawMember { Name = "a.npy", Stored = stored, Content = content, Method = 8, CentralExtra = IndexedNpz.Field(segmentLength, lengths) }]);
            if (IndexedNpz.Entry(archive, "a.npy").Restarts is null)
            {
                continue; // does not fit the entry: ignored, as AnIndexThatDoesNotFitTheEntryIsIgnored checks
            }

            var file = dir.File($"case{files.Count}.npz");
            File.WriteAllBytes(file, archive);
            files.Add((file, what));
        }

        // Enough lies of every kind get past the decoder's checks to make this meaningful.
        Assert.True(files.Count > 150, $"only {files.Count} of {cases.Count} perturbed indexes were accepted");

        // NumPy ignores the field: its values and repr are the reference for every file.
        var numpy = JsonSerializer.Deserialize<Dictionary<string, string[]>>(NumPy.Run($$"""
            import hashlib
            out = {}
            for f in {{"[" + string.Join(", ", files.Select(f => NpzTest.Py(Path.GetFileName(f.File)))) + "]"}}:
                a = np.load(f)['a']
                out[f] = [a.astype('<i4').tobytes().hex(), repr(a)]
            print(json.dumps(out))
            """, dir.Path))!;

        var rows = new (long Start, long Stop)[]
        {
            (0, 10), (1000, 1001), (1023, 1025), (4000, 4100), (7000, 9000), (10_000, 10_001), (14_290, 14_400), (14_990, Count),
        };
        foreach (var (file, what) in files)
        {
            var expected = Convert.FromHexString(numpy[Path.GetFileName(file)][0]);
            Assert.Equal(values, expected);
            var archive = File.ReadAllBytes(file);
            foreach (var threads in new[] { 1, 4 })
            {
                Assert.True(expected.AsSpan().SequenceEqual(IndexedNpz.Read(archive, "a", threads)), $"{what}: whole read on {threads} thread(s)");
            }

            foreach (var (start, stop) in rows)
            {
                var part = IndexedNpz.Read(archive, "a", 1, new RowRange(start, stop));
                Assert.True(expected.AsSpan((int)start * 4, (int)(stop - start) * 4).SequenceEqual(part), $"{what}: rows {start}:{stop}");
            }

            var tail = NpzTest.Files.Read(file, new ReadRequest { RowStart = Count - 10, RowStop = Count });
            Assert.True(expected.AsSpan((Count - 10) * 4).SequenceEqual(tail.GetBytes()), $"{what}: engine rows");
            tail.Dispose();
            Assert.Equal(numpy[Path.GetFileName(file)][1], ArrayRepr.FormatFile(NpzTest.Files, file));
        }
    }

    [Fact]
    public void AnIntactIndexStillJumps()
    {
        // The checks must not turn every partial read into a sequential one: the true index passes them
        // (ParallelInflateTests.ARowSelectionNearTheEndReadsLittleOfTheMember checks the same on a larger member).
        var (content, stored, index, values) = Member();
        var archive = RawZip.Build([new RawMember { Name = "a.npy", Stored = stored, Content = content, Method = 8, CentralExtra = IndexedNpz.Field(index.SegmentLength, [.. index.CompressedLengths]) }]);
        var counting = new CountingStream(archive);
        using var reader = NpzTest.Format.CreateReader(counting, ArrayReadOptions.Default);
        _ = reader.Entries;
        var before = counting.BytesRead;
        Assert.Equal(values[^40..], NpzTest.ReadAll(reader, "a", new RowRange(Count - 10, Count)));
        // A sequential read would read every compressed byte before the last segment (the first read is 8 KiB).
        var prefix = index.CompressedStart(index.Count - 1);
        Assert.True(counting.BytesRead - before < prefix * 2 / 3, $"read {counting.BytesRead - before} bytes; {prefix} come before the last segment");
    }

    // Ways an index can fit its entry (lengths adding up to the compressed size, the count following from the
    // segment length) and still not match the pieces.
    private static IEnumerable<(string What, long SegmentLength, long[] Lengths)> Perturbations(RestartIndex index, long size, Random random)
    {
        var s = index.SegmentLength;
        var c = index.CompressedLengths.ToArray();
        var n = c.Length;
        var total = c.Sum();

        // Segment length off by a little or a lot, with the same count.
        foreach (var d in new long[] { -87, -64, -5, -4, -1, 1, 3, 4, 8, 127, 198 })
        {
            yield return ($"segment length {s + d}", s + d, c);
        }

        // Moving compressed bytes between neighbours: every boundary, small and large moves.
        for (var i = 0; i + 1 < n; i++)
        {
            foreach (var d in new[] { 1L, -1, 5, -5, c[i + 1] / 2, -c[i] / 2, c[i + 1] - 1, 1 - c[i] })
            {
                var moved = (long[])c.Clone();
                moved[i] += d;
                moved[i + 1] -= d;
                if (moved[i] > 0 && moved[i + 1] > 0)
                {
                    yield return ($"{d} bytes moved from segment {i + 1} to {i}", s, moved);
                }
            }

            var swapped = (long[])c.Clone();
            (swapped[i], swapped[i + 1]) = (swapped[i + 1], swapped[i]);
            yield return ($"segments {i} and {i + 1} swapped", s, swapped);
        }

        yield return ("lengths reversed", s, [.. c.Reverse()]);
        yield return ("lengths equal", s, Even(total, n));

        // Other counts: whole pieces grouped evenly (a true coarser index), unevenly (every restart point still a
        // piece boundary), and the compressed size cut evenly.
        foreach (var k in new[] { 2, 3, 4 })
        {
            var count = (int)((size + (k * s) - 1) / (k * s));
            yield return ($"{k} pieces a segment", k * s, Group(c, Enumerable.Range(0, count).Select(g => Math.Min(k, n - (g * k))).ToArray()));
            for (var from = 1; from < count; from++)
            {
                // A piece moved one or more segments back: the segments between keep k pieces (so each inflates to
                // its length) but start a piece later than the index says.
                for (var to = Math.Max(0, from - 3); to < from; to++)
                {
                    var groups = Enumerable.Range(0, count).Select(g => Math.Min(k, n - (g * k))).ToArray();
                    if (groups[from] > 1)
                    {
                        groups[to]++;
                        groups[from]--;
                        yield return ($"{k} pieces a segment, one moved from segment {from} to {to}", k * s, Group(c, groups));
                    }
                }
            }

            yield return ($"{count} even cuts of {k} pieces' length", k * s, Even(total, count));
        }

        foreach (var segmentLength in new[] { s / 2, s - (s / 3), (size / 2) + 1, size - 1 })
        {
            var count = (int)((size + segmentLength - 1) / segmentLength);
            if (count <= total)
            {
                yield return ($"{count} even cuts of {segmentLength}", segmentLength, Even(total, count));
            }
        }

        // Random segment lengths with this count and random cuts of the compressed size.
        for (var r = 0; r < 40; r++)
        {
            var segmentLength = random.NextInt64((size + n - 1) / n, ((size - 1) / (n - 1)) + 1);
            var cuts = Enumerable.Range(0, n - 1).Select(_ => random.NextInt64(1, total)).Distinct().Order().ToList();
            if (cuts.Count == n - 1)
            {
                long[] lengths = [.. cuts.Append(total).Zip(cuts.Prepend(0), (a, b) => a - b)];
                yield return ($"random {segmentLength} / [{string.Join(", ", lengths)}]", r % 2 == 0 ? s : segmentLength, lengths);
            }
        }
    }

    private static long[] Even(long total, int count) =>
        [.. Enumerable.Range(0, count).Select(i => (total * (i + 1) / count) - (total * i / count))];

    private static long[] Group(long[] pieces, int[] groups)
    {
        var result = new long[groups.Length];
        var at = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            result[g] = pieces.AsSpan(at, groups[g]).ToArray().Sum();
            at += groups[g];
        }

        return result;
    }

    // 15,000 int32 that compress (so the member has an index), in 4096-byte pieces: 15 segments.
    private static (byte[] Content, byte[] Stored, RestartIndex Index, byte[] Values) Member()
    {
        var random = new Random(10);
        var values = new byte[Count * 4];
        for (var i = 0; i < Count; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(values.AsSpan(i * 4), (i * 3) + random.Next(50));
        }

        var header = ArrayHeader.Create(DType.Int32, Count);
        var archive = IndexedNpz.Write(Piece, ("a", header, values));
        var index = IndexedNpz.Entry(archive, "a.npy").Restarts!;
        Assert.Equal(15, index.Count);
        return (NpzTest.NpyBytes(header, values), IndexedNpz.Stored(archive, "a.npy"), index, values);
    }

    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public long BytesRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = base.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
    }
}
