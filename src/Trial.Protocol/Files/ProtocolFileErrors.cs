namespace Trial.Protocol.Files;

/// <summary>
/// Collects every broken rule of a file rather than stopping at the first, so one load lists all problems
/// (protocol.yaml is validated this way); <see cref="ThrowIfAny"/> then throws them as one exception.
/// </summary>
public sealed class ProtocolFileErrors
{
    private readonly List<ProtocolFileError> errors = [];

    public int Count => errors.Count;

    public void Add(ProtocolFileError error) => errors.Add(error);

    /// <summary>Runs one check; its failure is recorded and <paramref name="fallback"/> returned.</summary>
    public T Check<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (ProtocolFileException e)
        {
            errors.AddRange(e.Errors);
            return fallback;
        }
    }

    public void Check(Action read) => Check(() => { read(); return true; }, false);

    public void ThrowIfAny()
    {
        if (errors.Count > 0)
        {
            throw new ProtocolFileException(errors.ToList());
        }
    }
}
