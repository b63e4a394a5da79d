using Formats.Host;

return await CommandLine.RunAsync(args);
