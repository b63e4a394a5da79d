namespace Formats;

/// <summary>
/// The outcome of <see cref="ArrayFiles.DiffMembersAsync"/>: each member both archives hold, compared by name, and the
/// members only one of them holds.
/// </summary>
public sealed class ArchiveDiff
{
    internal ArchiveDiff(IReadOnlyList<KeyValuePair<string, ArrayDiff>> members, IReadOnlyList<string> onlyInA, IReadOnlyList<string> onlyInB)
    {
        Members = members;
        OnlyInA = onlyInA;
        OnlyInB = onlyInB;
    }

    /// <summary>The members both archives hold, in the first archive's order, each with its comparison.</summary>
    public IReadOnlyList<KeyValuePair<string, ArrayDiff>> Members { get; }

    /// <summary>The members only the first archive holds.</summary>
    public IReadOnlyList<string> OnlyInA { get; }

    /// <summary>The members only the second archive holds.</summary>
    public IReadOnlyList<string> OnlyInB { get; }

    /// <summary>The same members, each equal (see <see cref="ArrayDiff.Equal"/>).</summary>
    public bool Equal => OnlyInA.Count == 0 && OnlyInB.Count == 0 && Members.All(m => m.Value.Equal);
}
