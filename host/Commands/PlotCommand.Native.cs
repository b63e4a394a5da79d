using System.CommandLine;
using Formats.Host.Diagnostics;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats plot</c> in the native (AOT) program, which does not reference Formats.Plotting (its drawing library is
/// not compiled ahead of time): a stand-in that hands the run to the JIT build in <c>jit/</c>. Compiled instead of
/// <c>PlotCommand.cs</c> when PublishAot is set (Formats.Host.csproj).
/// </summary>
internal static class PlotCommand
{
    public static Command Create(CliContext context) =>
        JitCompanion.StandIn("plot", "Draw an array as a PNG or SVG picture (run by the JIT build beside this program)");
}
