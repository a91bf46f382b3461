using Trial.Protocol.Files;
namespace Trial.Fidelity.Scale;

/// <summary>
/// A condition found in the evidence that limits an item's score (Max) or sets it (Fixed), as the manual's rating
/// guidance says, e.g. a waiting list caps "zero exclusion" at 4 (L4790–4796). Line is the manual's line reference.
/// </summary>
public sealed record ScoreCap(string Code, int? Max, int? Fixed, string Line, LocalisedText Label)
{
    public int Apply(int score) => Fixed ?? Math.Min(score, Max ?? score);
}
