namespace Formats.Numpy;

/// <summary>A Python tuple literal.</summary>
internal sealed record PyTuple(IReadOnlyList<object?> Items);

/// <summary>A Python list literal.</summary>
internal sealed record PyList(IReadOnlyList<object?> Items);

/// <summary>A Python dict literal with its entries in source order (duplicates kept, so callers can refuse them).</summary>
internal sealed record PyDict(IReadOnlyList<KeyValuePair<object, object?>> Entries);
