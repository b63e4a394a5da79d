namespace Formats.Host.Tests;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
