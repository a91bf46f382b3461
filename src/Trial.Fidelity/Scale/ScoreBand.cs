namespace Trial.Fidelity.Scale;

/// <summary>One band of a numeric anchor: a whole-number value in [Min, Max] gives Score. Open ends are null.</summary>
public sealed record ScoreBand(int? Min, int? Max, int Score)
{
    public bool Contains(long value) => (Min is null || value >= Min) && (Max is null || value <= Max);
}
