using System.CommandLine;
using Formats.Host.Diagnostics;

namespace Formats.Host.Commands;

/// <summary>
/// <c>formats status</c> in the native (AOT) program, which leaves out ASP.NET Core: a stand-in that hands the run to
/// the JIT build in <c>jit/</c>. Compiled instead of <c>StatusCommand.cs</c> when PublishAot is set.
/// </summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context) =>
        JitCompanion.StandIn("status", "Serve a live status page of a queue's workers (run by the JIT build beside this program)");
}
