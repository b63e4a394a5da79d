using System.Runtime.InteropServices;

namespace Formats.Host.Diagnostics;

/// <summary>
/// glibc's malloc gives threads that allocate at the same time arenas of their own, up to eight per core, and each
/// arena reserves 64 MiB of address space. A worker converting eight files at once on threads of its own (each
/// with deflate threads) so reserves gigabytes it never uses, and under an address-space limit (<c>ulimit -v</c>,
/// systemd's <c>LimitAS=</c>) it failed with <see cref="OutOfMemoryException"/> while using ~90 MB. The program's
/// data lives in managed or explicitly allocated memory, not in many small mallocs, so two arenas lose nothing.
/// </summary>
internal static partial class MallocArenas
{
    private const int ArenaMaxParameter = -8; // M_ARENA_MAX in glibc's malloc.h

    /// <summary>Caps glibc's malloc arenas at two; a no-op elsewhere (musl, other systems).</summary>
    /// <remarks>
    /// Called first thing in <c>Main</c>: glibc fixes its arena limit the first time it has more than eight arenas, and
    /// the setting reaches every thread the program starts. <c>MALLOC_ARENA_MAX</c> in the environment still wins.
    /// </remarks>
    public static void Limit()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is not null)
        {
            return;
        }

        try
        {
            _ = MallOpt(ArenaMaxParameter, 2);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // A C library without mallopt has no per-thread arenas to cap.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int MallOpt(int parameter, int value);
}
