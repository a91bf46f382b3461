namespace Trial.Protocol.Files;

/// <summary>
/// A protocol file, analysis file or data package was refused. The one error type for every file the trial reads:
/// each <see cref="ProtocolFileError"/> names the file, the path in it, the line and the rule. Thrown before anything
/// is written.
/// </summary>
public sealed class ProtocolFileException : Exception
{
    public ProtocolFileException(IReadOnlyList<ProtocolFileError> errors)
        : base(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
    {
        if (errors.Count == 0)
        {
            throw new ArgumentException("At least one error is needed.", nameof(errors));
        }
        Errors = errors;
    }

    public ProtocolFileException(ProtocolFileError error)
        : this([error])
    {
    }

    public IReadOnlyList<ProtocolFileError> Errors { get; }

    /// <summary>The first error: the one a CLI prints on its own line.</summary>
    public ProtocolFileError First => Errors[0];
}
