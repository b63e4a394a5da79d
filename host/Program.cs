using Formats.Host;
using Formats.Host.Diagnostics;

MallocArenas.Limit();
return await CommandLine.RunAsync(args);
