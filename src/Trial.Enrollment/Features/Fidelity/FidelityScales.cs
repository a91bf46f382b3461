using System.Collections.Concurrent;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Fidelity.Scale;
using Trial.Protocol.Files;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>
/// The fidelity scales in protocol/fidelity/, beside the trial's protocol folder; each is read and validated once.
/// Scale files are not part of the trial protocol's hash: a review names the scale and version it was scored on.
/// </summary>
internal sealed class FidelityScales(TrialProtocol protocol)
{
    private readonly ConcurrentDictionary<string, FidelityScale> loaded = new(StringComparer.Ordinal);

    public FidelityScale Get(string code, string field)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40 || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw RejectedException.Invalid(field, "known-scale", $"'{code}' is not a scale code (lower-case letters, digits and '-').");
        }
        var path = Path.Combine(Path.GetDirectoryName(protocol.Directory.TrimEnd(Path.DirectorySeparatorChar))!, "fidelity", $"{code}.yaml");
        if (!File.Exists(path))
        {
            throw RejectedException.Invalid(field, "known-scale", $"There is no fidelity scale '{code}' in protocol/fidelity/.");
        }
        try
        {
            return loaded.GetOrAdd(code, _ => ScaleReader.Load(path));
        }
        catch (ProtocolFileException e)
        {
            throw RejectedException.Invalid(field, "valid-scale", $"The scale file is invalid: {e.First}");
        }
    }
}
