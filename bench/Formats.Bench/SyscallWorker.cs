using System.Runtime.InteropServices;

namespace Formats.Bench;

/// <summary>
/// The floor under any NPY library on this machine: plain pwrite/pread of the whole file with nothing else
/// (no header parsing, no allocation policy), timed like the tools. Read into a buffer that is reused and already
/// faulted in (the page-cache copy alone), and into freshly mapped memory (what returning a new array costs).
/// </summary>
internal static unsafe partial class SyscallWorker
{
    private const string Tool = "syscall";

    public static void Npy(WorkerOptions o)
    {
        var src = Suite.BigInput(o.Dir);
        var output = Path.Combine(o.Dir, "out_syscall.bin");
        var length = new FileInfo(src).Length;
        var buffer = (byte*)NativeMemory.AlignedAlloc((nuint)length, 4096);
        try
        {
            using (var h = File.OpenHandle(src))
            {
                ReadAll(h, buffer, length);
            }

            Emit.Log(Tool, "pwrite of an in-memory buffer into a new, preallocated file");
            var w = Measure.Run(() =>
            {
                using var h = File.OpenHandle(output, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, length);
                WriteAll(h, buffer, length);
            }, o.Reps, () => Measure.Fresh(output), warmup: 2);
            File.Delete(output);
            Emit.Write(Tool, "npy.write", "big", w, length, "open(O_CREAT|O_EXCL) + fallocate + pwrite(whole buffer) + close; buffer already in memory");

            Emit.Log(Tool, "pread into a reused buffer");
            var r = Measure.Run(() =>
            {
                using var h = File.OpenHandle(src);
                ReadAll(h, buffer, length);
            }, o.Reps);
            Emit.Write(Tool, "npy.read", "big", r, length, "open + pread(whole file) into a reused, already-faulted buffer");
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }

        Emit.Log(Tool, "pread into fresh memory");
        var fresh = Measure.Run(() =>
        {
            var p = (byte*)NativeMemory.AlignedAlloc((nuint)length, 4096);
            try
            {
                using var h = File.OpenHandle(src);
                ReadAll(h, p, length);
            }
            finally
            {
                NativeMemory.AlignedFree(p);
            }
        }, o.Reps);
        Emit.Write(Tool, "npy.read.fresh", "big", fresh, length, "malloc(file size) + open + pread(whole file) + free: a new array's page faults included");
    }

    private static void ReadAll(Microsoft.Win32.SafeHandles.SafeFileHandle h, byte* p, long length)
    {
        for (long offset = 0; offset < length;)
        {
            var n = RandomAccess.Read(h, new Span<byte>(p + offset, (int)Math.Min(int.MaxValue & ~4095, length - offset)), offset);
            if (n == 0)
            {
                throw new EndOfStreamException();
            }

            offset += n;
        }
    }

    private static void WriteAll(Microsoft.Win32.SafeHandles.SafeFileHandle h, byte* p, long length)
    {
        for (long offset = 0; offset < length;)
        {
            var n = (int)Math.Min(int.MaxValue & ~4095, length - offset);
            RandomAccess.Write(h, new ReadOnlySpan<byte>(p + offset, n), offset);
            offset += n;
        }
    }
}
