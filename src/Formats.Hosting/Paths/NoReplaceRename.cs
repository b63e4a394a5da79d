using System.Runtime.InteropServices;

namespace Formats.Hosting;

/// <summary>
/// A rename that never replaces its target, in one step: <c>renameat2(RENAME_NOREPLACE)</c> on Linux. A check for the
/// target followed by a rename would let a file that arrives in between be overwritten and lost (a producer renaming a
/// new file of the same name into the inbox while a claimed one is handed back).
/// </summary>
internal static partial class NoReplaceRename
{
    private const int AtCurrentDirectory = -100;
    private const uint RenameNoReplace = 1;
    private const int NoSuchEntry = 2;
    private const int Exists = 17;
    private const int Invalid = 22;
    private const int NotImplemented = 38;

    private static volatile bool missingFromLibc;

    /// <summary>Moves <paramref name="source"/> to <paramref name="target"/>; false when the target exists or the source is gone.</summary>
    /// <exception cref="IOException">The rename failed for another reason (permissions, another file system).</exception>
    public static bool TryMove(string source, string target)
    {
        if (OperatingSystem.IsLinux() && !missingFromLibc)
        {
            int result;
            try
            {
                result = RenameAt2(AtCurrentDirectory, source, AtCurrentDirectory, target, RenameNoReplace);
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // A C library older than glibc 2.28 has no wrapper for it.
                missingFromLibc = true;
                return TryMove(source, target);
            }

            if (result == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            switch (errno)
            {
                case NoSuchEntry or Exists:
                    return false;
                case Invalid or NotImplemented:
                    break; // a file system or kernel without RENAME_NOREPLACE: the portable way below
                default:
                    throw new IOException($"cannot move {source} to {target}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }

        // Elsewhere the check and the rename are two steps; the window between them is the risk described above.
        if (File.Exists(target))
        {
            return false;
        }

        try
        {
            File.Move(source, target, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameAt2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
