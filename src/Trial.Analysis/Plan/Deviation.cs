namespace Trial.Analysis.Plan;

/// <summary>A change to the plan after it was locked, with its reason (listed on the report's title page).</summary>
public sealed record Deviation(string Date, string Section, string Change, string Reason);
