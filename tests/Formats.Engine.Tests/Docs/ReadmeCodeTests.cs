using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Formats.Engine.Tests.Docs;

/// <summary>
/// Every C# block of README.md compiles as written, as the Program.cs of a new console app (implicit usings, nullable
/// on) that references the engine, the built-in plugins and their dependencies: a block that uses a name it does not
/// declare, or an API that has changed, fails here naming the block and the compiler's message.
/// </summary>
public sealed class ReadmeCodeTests
{
    // What `dotnet new console` puts in scope without a using (ImplicitUsings).
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    public static TheoryData<int> BlockLines() => [.. CSharpBlocks().Keys];

    [Fact]
    public void ReadmeHasTheCSharpBlocksThisTestCompiles()
    {
        // Embedding and memory-mapped access: if none were found, the theory below would pass having checked nothing.
        Assert.True(CSharpBlocks().Count >= 2, $"{CSharpBlocks().Count} ```csharp block(s) in README.md");
    }

    [Theory]
    [MemberData(nameof(BlockLines))]
    public void BlockCompilesAsWritten(int line)
    {
        var code = CSharpBlocks()[line];
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            $"ReadmeBlock{line}",
            [CSharpSyntaxTree.ParseText(code, parse, path: "README.md"), CSharpSyntaxTree.ParseText(ImplicitUsings, parse)],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));

        var problems = compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => $"README.md block at line {line}, its line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: {d.Id} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    // The blocks by the README line of their opening fence.
    private static Dictionary<int, string> CSharpBlocks()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var blocks = new Dictionary<int, string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```csharp")
            {
                continue;
            }

            var end = Array.FindIndex(lines, i + 1, l => l.Trim() == "```");
            Assert.True(end > i, $"the ```csharp block at README.md line {i + 1} is not closed");
            blocks[i + 1] = string.Join("\n", lines[(i + 1)..end]);
            i = end;
        }

        return blocks;
    }

    // The framework and every assembly this test project brings (Formats.*, Microsoft.Extensions.*, System.Numerics.Tensors...).
    private static List<MetadataReference> References() =>
        [.. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
}
