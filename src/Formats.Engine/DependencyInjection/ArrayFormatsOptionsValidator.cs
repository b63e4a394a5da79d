using Microsoft.Extensions.Options;

namespace Formats;

/// <summary>Checks <see cref="ArrayFormatsOptions"/>, naming every setting that is out of range and the value it has.</summary>
internal sealed class ArrayFormatsOptionsValidator : IValidateOptions<ArrayFormatsOptions>
{
    public ValidateOptionsResult Validate(string? name, ArrayFormatsOptions options)
    {
        var problems = new List<string>();
        void Require(bool ok, string setting, object value, string rule)
        {
            if (!ok)
            {
                problems.Add($"{ArrayFormatsOptions.SectionName}:{setting} must be {rule} (it is {value})");
            }
        }

        Require(options.MaxHeaderSize >= 64, nameof(options.MaxHeaderSize), options.MaxHeaderSize, "at least 64");
        Require(options.CopyBufferSize >= 4096, nameof(options.CopyBufferSize), options.CopyBufferSize, "at least 4096");
        Require(options.MaxCompressionRatio >= 1, nameof(options.MaxCompressionRatio), options.MaxCompressionRatio, "at least 1");
        Require(options.MaxDegreeOfParallelism >= 1, nameof(options.MaxDegreeOfParallelism), options.MaxDegreeOfParallelism, "at least 1");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
