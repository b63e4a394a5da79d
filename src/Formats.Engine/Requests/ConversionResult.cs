namespace Formats;

/// <summary>What a conversion wrote.</summary>
/// <param name="Output">The file or folder written.</param>
/// <param name="Format">The output format.</param>
/// <param name="Arrays">Names of the arrays written.</param>
/// <param name="DataBytes">Array bytes copied.</param>
public sealed record ConversionResult(string Output, IArrayFormat Format, IReadOnlyList<string> Arrays, long DataBytes);
