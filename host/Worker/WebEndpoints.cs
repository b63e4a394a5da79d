using Formats.Hosting;
using Formats.Hosting.RabbitMQ;
using Formats.Hosting.Status;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Formats.Host.Worker;

/// <summary>
/// The program's small web apps (<c>formats status</c>, <c>formats worker --listen</c>): Kestrel on the one URL given,
/// console logging as the worker logs (the listening address at start), no configuration files.
/// </summary>
internal static class WebEndpoints
{
    public static WebApplicationBuilder CreateBuilder(string listen, string option)
    {
        if (!Uri.TryCreate(listen, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"{option} {listen}: expected http://HOST:PORT (port 0: any free port)");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(listen);
        ServiceLogging.Configure(builder.Logging, builder.Services);
        // "Now listening on: URL": the address actually bound, which port 0 leaves to the system.
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
        return builder;
    }

    /// <summary>Serves <c>/metrics</c> and <c>/healthz</c> of the workers in <paramref name="workers"/> on <paramref name="listen"/>; stopped on dispose.</summary>
    public static async Task<WebApplication> StartWorkerEndpointsAsync(string listen, IServiceProvider workers, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(listen, "--listen");
        if (workers.GetService<FolderWorker>() is { } folder)
        {
            builder.Services.AddSingleton(folder);
        }

        if (workers.GetService<QueueWorker>() is { } queue)
        {
            builder.Services.AddSingleton(queue);
        }

        builder.Services.AddFormatsWorkerEndpoints();
        var app = builder.Build();
        app.MapFormatsWorkerEndpoints();
        await app.StartAsync(cancellationToken);
        return app;
    }
}
