using System.Runtime.InteropServices;

namespace Formats.Hosting;

/// <summary>
/// What an inbox entry is, without following a link and without opening it: opening a FIFO blocks until someone
/// writes to it, and a link would be read through to wherever it points. The BCL tells links apart but not FIFOs,
/// sockets or devices, hence <c>statx(2)</c> on Linux (its layout is the same on every architecture).
/// </summary>
public static partial class FileKind
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int StatxSize = 256;
    private const int ModeOffset = 28;

    private static volatile bool missingFromLibc;

    /// <summary>Null for a regular file; else what it is ("a symbolic link", "a FIFO"...), for the failure reason.</summary>
    /// <exception cref="IOException">The entry cannot be looked at (gone, no permission).</exception>
    public static string? NotRegular(string path)
    {
        if (OperatingSystem.IsLinux() && !missingFromLibc)
        {
            Span<byte> buffer = stackalloc byte[StatxSize];
            int result;
            try
            {
                result = Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, ref MemoryMarshal.GetReference(buffer));
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                // A C library older than glibc 2.28 has no wrapper for it.
                missingFromLibc = true;
                return NotRegular(path);
            }

            if (result != 0)
            {
                throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
            }

            return (MemoryMarshal.Read<ushort>(buffer[ModeOffset..]) & 0xF000) switch
            {
                0x8000 => null,
                0xA000 => "a symbolic link",
                0x1000 => "a FIFO",
                0xC000 => "a socket",
                0x2000 => "a character device",
                0x6000 => "a block device",
                0x4000 => "a folder",
                var other => $"of file type {other >> 12}",
            };
        }

        // Elsewhere: links and folders are told apart; other special files are not expected there.
        var info = new FileInfo(path);
        return info.LinkTarget is not null ? "a symbolic link" : info.Attributes.HasFlag(FileAttributes.Directory) ? "a folder" : null;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, ref byte buffer);
}
