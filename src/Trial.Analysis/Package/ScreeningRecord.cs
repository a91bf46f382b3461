namespace Trial.Analysis.Package;

/// <summary>One person assessed for eligibility (screening.csv).</summary>
public sealed record ScreeningRecord(string Centre, bool Eligible, string ExclusionReason, string Consent, bool Randomised);
