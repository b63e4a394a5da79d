namespace Formats;

/// <summary>One edit of an archive: remove and set members, then <see cref="Complete"/>.</summary>
public interface IArrayArchiveEditor : IDisposable
{
    /// <summary>The array names the edited archive will hold, in order.</summary>
    IReadOnlyList<string> Members { get; }

    /// <summary>Leaves <paramref name="name"/> out of the edited archive.</summary>
    /// <exception cref="ArrayFormatException">No such member.</exception>
    void Remove(string name);

    /// <summary>Adds or replaces <paramref name="name"/>; write its data to the returned stream and complete it.</summary>
    ArrayWriteStream SetArray(string name, ArrayHeader header);

    /// <summary>Copies the untouched members and finishes the archive.</summary>
    void Complete();
}
