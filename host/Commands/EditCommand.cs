using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;

namespace Formats.Host.Commands;

/// <summary><c>formats edit ARCHIVE.npz [--set NAME=FILE]... [--remove NAME]...</c>: members added, replaced or removed in one
/// atomic rewrite, the others copied as stored (<see cref="ArrayFiles.EditMembersAsync"/>).</summary>
internal static class EditCommand
{
    public static Command Create(CliContext context)
    {
        var archive = new Argument<string>("ARCHIVE") { Description = "The .npz file to edit" };
        var set = new Option<string[]>("--set")
        {
            Description = "Add or replace member NAME with the array of FILE (repeatable)",
            HelpName = "NAME=FILE",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        set.Validators.Add(result =>
        {
            foreach (var token in result.Tokens)
            {
                if (Split(token.Value) is null)
                {
                    result.AddError($"--set takes NAME=FILE, not '{token.Value}'");
                }
            }
        });
        var remove = new Option<string[]>("--remove")
        {
            Description = "Remove member NAME (repeatable)",
            HelpName = "NAME",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var compress = new Option<bool>("--compress") { Description = "Compress the members set (the others keep their stored bytes)" };
        var command = new Command("edit",
            "Add, replace or remove members of an .npz in one atomic rewrite; the other members are copied as stored, not recompressed")
        {
            archive, set, remove, compress,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(set) is not { Length: > 0 } && result.GetValue(remove) is not { Length: > 0 })
            {
                result.AddError("edit needs --set NAME=FILE or --remove NAME");
            }
        });

        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = context.BuildHost(parse);
            var files = host.Services.GetRequiredService<ArrayFiles>();
            var path = parse.GetValue(archive)!;
            var sets = (parse.GetValue(set) ?? []).Select(t => Split(t)!.Value).ToList();
            await files.EditMembersAsync(path, parse.GetValue(remove) ?? [], sets, write: new WriteRequest { Compress = parse.GetValue(compress) },
                cancellationToken: cancellationToken);
            var info = files.Inspect(path);
            await context.Error.WriteLineAsync($"{path}: {info.Entries.Count} member(s): {string.Join(", ", info.Entries.Select(e => e.Name))}");
            return 0;
        });
        return command;
    }

    // NAME=FILE, split at the first '=' (a member name has no '=' in it here; a file name may).
    private static KeyValuePair<string, string>? Split(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq > 0 && eq < text.Length - 1 ? new(text[..eq], text[(eq + 1)..]) : null;
    }
}
