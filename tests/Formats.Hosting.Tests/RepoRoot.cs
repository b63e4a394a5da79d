namespace Formats.Hosting.Tests;

/// <summary>The repository's root (where Formats.sln is), for tests that read its docs.</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir, "Formats.sln")))
        {
            dir = System.IO.Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("Formats.sln not found above the test folder");
    }
}
