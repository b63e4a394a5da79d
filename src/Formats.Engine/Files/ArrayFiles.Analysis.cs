using System.Diagnostics.CodeAnalysis;
namespace Formats;

/// <summary>Scans that read arrays without writing: dtype advice, statistics and comparisons.</summary>
[SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters",
    Justification = "A path and a source (or output) overload differ in the type of their first parameter, so no call is ambiguous.")]
public sealed partial class ArrayFiles
{
    /// <summary>
    /// For each array of <paramref name="path"/> (or only <see cref="ReadRequest.Member"/>, and only the rows asked), the
    /// narrowest dtype that holds every value exactly (see <see cref="DTypeAdvice"/>), found in one streaming pass that
    /// reads the next chunk while the cores scan the last.
    /// </summary>
    /// <exception cref="ArrayFormatException">The file cannot be read; the message names it.</exception>
    public async Task<IReadOnlyList<DTypeAdvice>> AdviseAsync(string path, ReadRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= ReadRequest.Default;
        using var file = Open(path, request.ForFile);
        return await Casting.ArrayAdvising.AdviseAsync(file, request, cancellationToken);
    }

    /// <summary><see cref="AdviseAsync(string, ReadRequest?, CancellationToken)"/> of a source.</summary>
    /// <exception cref="ArrayFormatException">The source cannot be read; the message names it.</exception>
    public async Task<IReadOnlyList<DTypeAdvice>> AdviseAsync(IArraySource source, ReadRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= ReadRequest.Default;
        using var file = Open(source, request.ForFile);
        return await Casting.ArrayAdvising.AdviseAsync(file, request, cancellationToken);
    }

    /// <summary>
    /// Compares one array of <paramref name="pathA"/> with one of <paramref name="pathB"/> (any formats: an NPY file, an
    /// archive member named by <see cref="DiffRequest.Member"/>, raw data with a layout): dtypes, shapes and, when the
    /// shapes agree, every value by its logical (C-order) index, exactly as <c>np.array_equal</c> or with tolerances as
    /// <c>np.isclose</c> (see <see cref="DiffRequest"/>). Both files are streamed in lock-step in bounded memory, so
    /// arrays larger than memory pass through; a Fortran-ordered array compared with a C-ordered one is read in blocks
    /// of rows. A dtype difference alone does not make the arrays different (<see cref="ArrayDiff.DTypesDiffer"/>).
    /// </summary>
    /// <exception cref="ArrayFormatException">
    /// A file cannot be read, a member is missing, a dtype is not numeric, or the data ends early; the message names the file.
    /// </exception>
    public async Task<ArrayDiff> DiffAsync(string pathA, string pathB, DiffRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new DiffRequest();
        using var fileA = Open(pathA, (request.ReadA ?? ReadRequest.Default).ForFile);
        using var fileB = Open(pathB, (request.ReadB ?? ReadRequest.Default).ForFile);
        return await Comparing.ArrayDiffing.DiffAsync(fileA, fileB, request, cancellationToken);
    }

    /// <summary><see cref="DiffAsync(string, string, DiffRequest?, CancellationToken)"/> of two sources.</summary>
    /// <exception cref="ArrayFormatException">A source cannot be read, a member is missing, a dtype is not numeric, or the data ends early.</exception>
    public async Task<ArrayDiff> DiffAsync(IArraySource sourceA, IArraySource sourceB, DiffRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new DiffRequest();
        using var fileA = Open(sourceA, (request.ReadA ?? ReadRequest.Default).ForFile);
        using var fileB = Open(sourceB, (request.ReadB ?? ReadRequest.Default).ForFile);
        return await Comparing.ArrayDiffing.DiffAsync(fileA, fileB, request, cancellationToken);
    }

    /// <summary>
    /// Compares two archives member by member (<see cref="DiffAsync(string, string, DiffRequest?, CancellationToken)"/> for each
    /// name both hold, with <paramref name="request"/>'s tolerances; its <see cref="DiffRequest.Member"/> is ignored), and
    /// lists the members only one of them holds. Names match as NumPy's do (<c>np.load(f).files</c>).
    /// </summary>
    /// <exception cref="ArrayFormatException">A file is not an archive or cannot be read; the message names it.</exception>
    public async Task<ArchiveDiff> DiffMembersAsync(string pathA, string pathB, DiffRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new DiffRequest();
        using var fileA = Open(pathA, (request.ReadA ?? ReadRequest.Default).ForFile);
        using var fileB = Open(pathB, (request.ReadB ?? ReadRequest.Default).ForFile);
        foreach (var file in new[] { fileA, fileB })
        {
            if (file.Format is not IMultiArrayFormat)
            {
                throw new UnsupportedArrayException($"is not an archive ({file.Format.Name}); archives are compared member by member") { SourcePath = file.Path };
            }
        }

        var namesB = fileB.Names;
        var members = new List<KeyValuePair<string, ArrayDiff>>();
        foreach (var name in fileA.Names.Where(namesB.Contains))
        {
            var diff = await Comparing.ArrayDiffing.DiffAsync(fileA, fileB, request with { Member = name }, cancellationToken);
            members.Add(new(name, diff));
        }

        return new ArchiveDiff(members, [.. fileA.Names.Except(namesB)], [.. namesB.Except(fileA.Names)]);
    }

    /// <summary>
    /// Count, NaN count, min, max, mean and population std of each array of <paramref name="path"/> (the member
    /// <paramref name="request"/> names, or every member of an archive), as a whole or per column along axis 1
    /// (<see cref="StatsRequest.Columns"/>): one streaming pass per array in bounded memory, elements in storage order
    /// (C or Fortran), float64 accumulation. See <see cref="ArrayStatistics"/> for how the values compare with NumPy's.
    /// </summary>
    /// <exception cref="ArrayFormatException">The file cannot be read, an array is not bool, integer or float (complex,
    /// structured and text arrays are refused), or the columns are not along axis 1 of the array.</exception>
    public async Task<IReadOnlyList<ArrayStats>> StatsAsync(string path, ReadRequest? request = null, StatsRequest? stats = null,
        CancellationToken cancellationToken = default)
    {
        request ??= ReadRequest.Default;
        using var file = Open(path, request.ForFile);
        return await Statistics.ArrayStatsScanning.StatsAsync(file, request, stats ?? StatsRequest.Default, cancellationToken);
    }

    /// <summary><see cref="StatsAsync(string, ReadRequest?, StatsRequest?, CancellationToken)"/> of a source.</summary>
    /// <exception cref="ArrayFormatException">The source cannot be read, an array is not bool, integer or float, or the columns are not along axis 1.</exception>
    public async Task<IReadOnlyList<ArrayStats>> StatsAsync(IArraySource source, ReadRequest? request = null, StatsRequest? stats = null,
        CancellationToken cancellationToken = default)
    {
        request ??= ReadRequest.Default;
        using var file = Open(source, request.ForFile);
        return await Statistics.ArrayStatsScanning.StatsAsync(file, request, stats ?? StatsRequest.Default, cancellationToken);
    }
}
