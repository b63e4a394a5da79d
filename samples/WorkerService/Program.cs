using Formats.Hosting;
using Formats.Hosting.RabbitMQ;

// The app makes the application choices the libraries leave to it: where configuration comes from, systemd
// integration (a no-op outside systemd), the logging providers and how long a stop may take to drain.
var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSystemd();
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
builder.Services.AddArrayFormats();

// Each worker runs when its section is configured (appsettings.json, environment Formats__Worker__Inbox=..., or
// --Formats:Worker:Inbox=... on the command line).
var folder = builder.Configuration.GetSection(FolderWorkerOptions.SectionName);
if (folder.Exists())
{
    builder.Services.AddFormatsFolderWorker(folder);
}

var queue = builder.Configuration.GetSection(QueueWorkerOptions.SectionName);
if (queue.Exists())
{
    builder.Services.AddFormatsQueueWorker(queue);
}

builder.Build().Run();
