namespace Formats;

/// <summary>
/// Maps array data that lies contiguous and uncompressed in a file (an <see cref="ArrayEntry.Data"/> range) into
/// memory, as NumPy's <c>np.memmap</c>, <c>np.load(mmap_mode=...)</c> and <c>np.lib.format.open_memmap</c> do.
/// A plugin registers one as a service; the engine finds it and calls it with what a format's reader stated.
/// </summary>
/// <remarks>
/// The mapper opens the file itself, with the access <see cref="MapMode"/> needs. The returned array owns the file
/// handle and the mapping: <see cref="NDArray.Dispose"/> releases both at once, and <see cref="NDArray.Flush"/>
/// writes changed pages back (<see cref="MapMode.ReadWrite"/>).
/// </remarks>
public interface IArrayMapper
{
    /// <summary>Maps exactly <paramref name="range"/> of the file at <paramref name="path"/> as an array of <paramref name="header"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="range">Where the data lies; its length is <paramref name="header"/>'s byte length.</param>
    /// <param name="header">Dtype, shape and order of the data.</param>
    /// <param name="mode">Read-only, read-write or copy-on-write.</param>
    /// <exception cref="ArrayFormatException">The file cannot be opened with the access the mode needs, or the range lies outside it.</exception>
    NDArray Map(string path, DataRange range, ArrayHeader header, MapMode mode);

    /// <summary>
    /// Creates (or overwrites) the file at <paramref name="path"/>: writes <paramref name="preamble"/> (a format's header,
    /// or nothing), sizes the file to the preamble plus the header's data bytes (zeros) and maps the data read-write
    /// (NumPy's <c>'w+'</c>).
    /// </summary>
    /// <exception cref="ArrayFormatException">The file cannot be created.</exception>
    NDArray Create(string path, ReadOnlySpan<byte> preamble, ArrayHeader header);
}
