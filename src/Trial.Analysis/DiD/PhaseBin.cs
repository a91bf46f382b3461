namespace Trial.Analysis.DiD;

/// <summary>A bin of event time (periods since the person's start), inclusive; <see cref="To"/> null = open-ended (e.g. &gt;9).</summary>
public sealed record PhaseBin(string Column, int From, int? To)
{
    public bool Contains(int eventTime) => eventTime >= From && (To is null || eventTime <= To);
}
