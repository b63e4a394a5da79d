using System.Text;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Formats.Host.Output;

/// <summary>
/// A table when the terminal is wide enough to show it without breaking a word inside a cell, else the same rows as
/// lines of text wrapped between words (an 80-column terminal cannot hold advise's nine columns of paths and sizes).
/// </summary>
internal static class TerminalTable
{
    /// <summary>A console writing to <paramref name="output"/>; <paramref name="width"/> overrides the terminal's width.</summary>
    public static IAnsiConsole Console(TextWriter output, int? width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        if (width is { } w)
        {
            console.Profile.Width = w;
        }

        return console;
    }

    /// <summary>Writes <paramref name="table"/>, or <paramref name="lines"/> wrapped at the console's width when it does not fit.</summary>
    public static void Write(IAnsiConsole console, Table table, IEnumerable<string> lines)
    {
        var width = console.Profile.Width;
        // A table's minimum width is that of its columns' longest words: below it, Spectre splits words across lines.
        var needed = ((IRenderable)table).Measure(RenderOptions.Create(console, console.Profile.Capabilities), width).Min;
        if (needed <= width)
        {
            console.Write(table);
            return;
        }

        foreach (var line in lines)
        {
            foreach (var part in Wrap(line, width))
            {
                console.WriteLine(part, Style.Plain);
            }
        }
    }

    /// <summary><paramref name="line"/> cut between words into lines of at most <paramref name="width"/> characters, the
    /// continuations indented; a single word longer than that stands alone on its line.</summary>
    public static IEnumerable<string> Wrap(string line, int width)
    {
        const string indent = "    ";
        if (line.Length <= width)
        {
            yield return line;
            yield break;
        }

        var current = new StringBuilder();
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > width)
            {
                yield return current.ToString();
                current.Clear().Append(indent);
            }
            else if (current.Length > 0 && current.ToString() != indent)
            {
                current.Append(' ');
            }

            current.Append(word);
        }

        if (current.Length > 0)
        {
            yield return current.ToString();
        }
    }
}
