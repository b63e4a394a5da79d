namespace Formats;

/// <summary>
/// A format whose files hold several named arrays (an archive), where other formats hold exactly one. Routing
/// reads it: an archive output takes every array of a conversion, and an archive input keeps its members' names.
/// It has no members because it changes no call, only what the engine asks for; an interface rather than a
/// property, so that every capability is stated and read one way (<c>format is I...Format</c>), and so that an
/// <see cref="IEditableArchiveFormat"/> is an archive by construction.
/// </summary>
public interface IMultiArrayFormat : IArrayFormat;
