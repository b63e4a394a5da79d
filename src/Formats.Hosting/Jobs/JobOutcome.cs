namespace Formats.Hosting;

/// <summary>What one job read and wrote.</summary>
/// <param name="Output">The committed output file.</param>
/// <param name="BytesIn">Size of the input file.</param>
/// <param name="BytesOut">Size of the output file.</param>
/// <param name="DataBytes">Array data bytes written.</param>
/// <param name="Elapsed">Time the conversion took.</param>
public sealed record JobOutcome(string Output, long BytesIn, long BytesOut, long DataBytes, TimeSpan Elapsed);
