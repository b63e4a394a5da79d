namespace Formats.Literals;

/// <summary>A Python tuple literal.</summary>
public sealed record PyTuple(IReadOnlyList<object?> Items);

/// <summary>A Python list literal.</summary>
public sealed record PyList(IReadOnlyList<object?> Items);

/// <summary>A Python dict literal with its entries in source order (duplicates kept, so callers can refuse them).</summary>
public sealed record PyDict(IReadOnlyList<KeyValuePair<object, object?>> Entries);
