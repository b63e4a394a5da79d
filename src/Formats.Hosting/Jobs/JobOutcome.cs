namespace Formats.Hosting;

/// <summary>What one job read and wrote.</summary>
/// <param name="Output">The committed output file.</param>
/// <param name="BytesIn">Size of the input file (of every file in an input directory store).</param>
/// <param name="BytesOut">Size of the output file (of every file in an output directory store or folder).</param>
/// <param name="DataBytes">Array data bytes written.</param>
/// <param name="Elapsed">Time the conversion took.</param>
public sealed record JobOutcome(string Output, long BytesIn, long BytesOut, long DataBytes, TimeSpan Elapsed);
