namespace Formats;

/// <summary>One named field of a structured <see cref="DType"/>.</summary>
/// <param name="Name">The field name.</param>
/// <param name="DType">The field's dtype (possibly structured or a subarray).</param>
/// <param name="Offset">Byte offset of the field within an item.</param>
/// <param name="Title">NumPy's optional field title.</param>
public sealed record DTypeField(string Name, DType DType, int Offset, string? Title = null);
