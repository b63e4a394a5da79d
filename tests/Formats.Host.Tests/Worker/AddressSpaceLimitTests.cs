using System.Diagnostics;
using Formats.Testing;

namespace Formats.Host.Tests.Worker;

/// <summary>
/// Workers run under memory limits (containers, systemd, <c>ulimit -v</c>). Under an address-space limit, eight
/// conversions at once must not run out of address space that the worker reserves but never uses.
/// </summary>
public sealed class AddressSpaceLimitTests
{
    [Fact]
    public void EightCompressedConversionsAtOnceFitInFourGigabytesOfAddressSpace()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var dir = new TempDir();
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        var outbox = Directory.CreateDirectory(dir.File("outbox")).FullName;
        NumPy.Run("for i in range(8): np.save(f'inbox/a{i}.npy', np.random.default_rng(i).random(2_000_000))", dir.Path);

        // ulimit -v counts KiB: 4,000,000 is just under 4 GiB, the limit the failure was found with.
        var (code, log) = RunLimited(4_000_000, ["worker", "--inbox", inbox, "--outbox", outbox, "--compress", "--parallel", "8", "--settle", "0", "--once"]);

        Assert.True(code == 0, log);
        Assert.Contains("done: 8 converted, 0 failed", log, StringComparison.Ordinal);
        Assert.Equal("8 True", NumPy.Run(
            "ok = all(np.array_equal(np.load(f'outbox/a{i}.npz')[f'a{i}'], np.random.default_rng(i).random(2_000_000)) for i in range(8))\nprint(len(os.listdir('outbox')), ok)",
            dir.Path).Trim());
    }

    private static (int Code, string Log) RunLimited(long kib, string[] args)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"ulimit -v {kib} && exec dotnet \"$@\"");
        psi.ArgumentList.Add("bash");
        psi.ArgumentList.Add(HostDll());
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(FormatsProcess.Guard), "the worker did not finish");
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    private static string HostDll()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Formats.sln")))
        {
            dir = dir.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        return Path.Combine(dir!.FullName, "host", "bin", configuration, "net10.0", "formats.dll");
    }
}
