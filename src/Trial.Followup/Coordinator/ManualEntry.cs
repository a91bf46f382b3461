namespace Trial.Followup.Coordinator;

/// <summary>A manual entry's outcome, with field errors (Invalid) or the stored result (Stored).</summary>
internal sealed record ManualEntry(ManualEntryOutcome Outcome, IDictionary<string, string[]> Errors, ManualResponseResult? Result, string? Detail);
