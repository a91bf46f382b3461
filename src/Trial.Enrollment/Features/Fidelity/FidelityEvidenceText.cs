using Trial.Enrollment.Problems;
using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;
using Trial.Protocol.Files;

namespace Trial.Enrollment.Features.Fidelity;

/// <summary>A review's evidence document (YAML or JSON, protocol/fidelity/evidence-format.md), checked against its review.</summary>
internal static class FidelityEvidenceText
{
    public const int MaxBytes = 1_000_000;

    public static ReviewEvidence Parse(string text, FidelityScale scale, FidelityReviewRecord review)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw RejectedException.Invalid("evidence", "required", "The body must be an evidence document (YAML or JSON).");
        }
        if (text.Length > MaxBytes)
        {
            throw RejectedException.Invalid("evidence", "max-length", $"An evidence document is at most {MaxBytes} characters.");
        }
        ReviewEvidence evidence;
        try
        {
            evidence = EvidenceReader.Read(YamlValue.Parse("evidence", text), scale);
        }
        catch (ProtocolFileException e)
        {
            throw RejectedException.Invalid(e.First.Path, "evidence", string.Join(" ", e.Errors.Select(x => x.ToString())));
        }
        if (evidence.Centre is { } centre && !string.Equals(centre, review.Centre, StringComparison.Ordinal))
        {
            throw RejectedException.Invalid("$.centre", "review-centre", $"The evidence is for centre '{centre}', the review for '{review.Centre}'.");
        }
        return evidence;
    }
}
