using System.Runtime.InteropServices;

namespace Formats.Storage;

/// <summary>
/// Asks Linux to back a large, freshly allocated block with 2 MiB pages, as NumPy's allocator does for every array of
/// 4 MiB or more: a 256 MiB array then costs 128 page faults to fill instead of 65,536, which otherwise take as long
/// as inflating into it. Compiled into Formats.Compression too (its inflate buffers), as a linked source file.
/// </summary>
internal static unsafe partial class HugePages
{
    /// <summary>Blocks smaller than this are left alone (NumPy's threshold).</summary>
    public const long MinLength = 4L << 20;

    private const nuint PageSize = 2 << 20;
    private const int MadviseHugePage = 14;

    /// <summary>Advises the whole 2 MiB pages inside [<paramref name="pointer"/>, +<paramref name="length"/>).</summary>
    public static void Advise(void* pointer, long length)
    {
        if (length < MinLength || !OperatingSystem.IsLinux())
        {
            return;
        }

        var start = ((nuint)pointer + PageSize - 1) & ~(PageSize - 1);
        var end = ((nuint)pointer + (nuint)length) & ~(PageSize - 1);
        if (end > start)
        {
            // A hint only: a kernel without transparent huge pages refuses it, and nothing changes.
            _ = Madvise((void*)start, end - start, MadviseHugePage);
        }
    }

    [LibraryImport("libc", EntryPoint = "madvise", SetLastError = false)]
    private static partial int Madvise(void* address, nuint length, int advice);
}
