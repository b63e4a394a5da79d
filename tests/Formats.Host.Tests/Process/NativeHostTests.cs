using System.Diagnostics;
using System.Text.Json;
using Formats.Testing;

namespace Formats.Host.Tests.Process;

/// <summary>
/// The native (AOT) program: built-in formats compiled in, and a third-party plugin still found, listed and used,
/// through the JIT build it carries in jit/.
/// </summary>
[Collection("publishes the host")]
public sealed class NativeHostTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static readonly string StagedPlugin = Path.Combine(AppContext.BaseDirectory, "staged-plugin", "Formats.TestPlugin");

    [NativeFact]
    public void NativeProgramConvertsAndHandsPluginRunsToItsJitBuild()
    {
        using var dir = new TempDir();
        var publish = Path.Combine(dir.Path, "native");
        string[] linker = File.Exists("/usr/bin/clang") ? [] : ["-p:CppCompilerAndLinker=gcc"];
        var (code, publishOut, stderr) = Run("dotnet", ["publish", Path.Combine(RepoRoot, "host", "Formats.Host.csproj"), "-c", "Release", "-r", "linux-x64",
            "-p:PublishAot=true", .. linker, "-o", publish, "--nologo", "-v", "q"]);
        Assert.True(code == 0, publishOut + stderr);
        var formats = Path.Combine(publish, "formats");
        Assert.False(File.Exists(Path.Combine(publish, "formats.dll")), "the program itself is native");
        Assert.True(File.Exists(Path.Combine(publish, "jit", "formats.dll")), "the JIT build is beside it");

        NumPy.Run("np.save('x.npy', np.array([1.5, -2.0, 3.25]))\nnp.save('y.npy', np.arange(6, dtype='<i2').reshape(2, 3))", dir.Path);
        (code, var stdout, stderr) = Run(formats, ["plugins", "--json"]);
        Assert.True(code == 0, stderr);
        using (var doc = JsonDocument.Parse(stdout))
        {
            var npy = Assert.Single(doc.RootElement.GetProperty("formats").EnumerateArray(), f => f.GetProperty("name").GetString() == "npy");
            Assert.Equal(formats, npy.GetProperty("assembly").GetString());
        }

        (code, _, stderr) = Run(formats, ["convert", dir.File("x.npy"), dir.File("y.npy"), "--outdir", dir.File("out"), "--to", "npz"]);
        Assert.True(code == 0, stderr);
        Assert.Equal("[1.5, -2.0, 3.25] [[0, 1, 2], [3, 4, 5]]", NumPy.Run("print(np.load('out/x.npz')['x'].tolist(), np.load('out/y.npz')['y'].tolist())", dir.Path).Trim());

        var plugins = Path.Combine(dir.Path, "plugins");
        CopyFolder(StagedPlugin, Path.Combine(plugins, "Formats.TestPlugin"));
        (code, stdout, stderr) = Run(formats, ["plugins", "--json", "--plugins", plugins]);
        Assert.True(code == 0, stderr);
        Assert.Contains("\"tally\"", stdout, StringComparison.Ordinal);
        (code, _, stderr) = Run(formats, ["convert", dir.File("x.npy"), dir.File("x.tly"), "--plugins", plugins]);
        Assert.True(code == 0, stderr);
        (code, _, stderr) = Run(formats, ["convert", dir.File("x.tly"), dir.File("back.npy"), "--plugins", plugins]);
        Assert.True(code == 0, stderr);
        Assert.Equal("[1.5, -2.0, 3.25]", NumPy.Run("print(np.load('back.npy').tolist())", dir.Path).Trim());

        // plot is left out of the native program (its drawing library is not compiled ahead of time) and handed over.
        (code, _, stderr) = Run(formats, ["plot", dir.File("y.npy"), "--out", dir.File("y.png")]);
        Assert.True(code == 0, stderr);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(dir.File("y.png"))[..4]);

        // The worker is native too: its configuration (a raw rule, -1 inferred from the size) bound without reflection.
        var inbox = Directory.CreateDirectory(dir.File("inbox")).FullName;
        Directory.CreateDirectory(dir.File("outbox"));
        NumPy.Run("np.arange(12, dtype='<i2').tofile('inbox/r.dat')\nnp.save('inbox/z.npy', np.eye(3))\nopen('inbox/bad.npy', 'wb').write(b'junk')", dir.Path);
        File.WriteAllText(dir.File("worker.json"), """{ "Formats": { "Worker": { "Rules": [ { "Pattern": "*.dat", "DType": "<i2", "Shape": [-1, 4] } ] } } }""");
        (code, _, stderr) = Run(formats, ["worker", "--inbox", inbox, "--outbox", dir.File("outbox"), "--done", dir.File("done"), "--failed", dir.File("failed"),
            "--compress", "--settle", "0", "--once", "--config", dir.File("worker.json")]);
        Assert.True(code == 1, stderr); // bad.npy failed
        Assert.Contains("done: 2 converted, 1 failed", stderr, StringComparison.Ordinal);
        Assert.Equal("[[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]] int16 True", NumPy.Run(
            "r = np.load('outbox/r.npz')['r']; print(r.tolist(), r.dtype, (np.load('outbox/z.npz')['z'] == np.eye(3)).all())", dir.Path).Trim());
        Assert.True(File.Exists(dir.File("failed/bad.npy.error.txt")));
        (code, _, stderr) = Run(formats, ["worker", "--inbox", inbox, "--outbox", dir.File("outbox"), "--parallel", "0", "--once"]);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", Assert.Single(stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);

        // Errors keep their one line through the hand-over.
        (code, _, stderr) = Run(formats, ["info", dir.File("missing.tly"), "--plugins", plugins]);
        Assert.Equal(1, code);
        Assert.StartsWith("error: " + dir.File("missing.tly"), Assert.Single(stderr.TrimEnd().Split('\n')), StringComparison.Ordinal);
    }

    private static (int Code, string Out, string Err) Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Formats.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Formats.sln not found above " + AppContext.BaseDirectory);
    }
}
