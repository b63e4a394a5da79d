using Microsoft.Extensions.DependencyInjection;

namespace Formats.Plugins.Text;

/// <summary>Registers the text formats: <c>csv</c>, <c>tsv</c> and <c>txt</c>.</summary>
public sealed class TextPlugin : IArrayFormatPlugin
{
    /// <inheritdoc />
    public void ConfigureServices(IServiceCollection services) => services.AddFormat<CsvFormat>().AddFormat<TsvFormat>().AddFormat<TxtFormat>();
}
