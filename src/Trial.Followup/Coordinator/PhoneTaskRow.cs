namespace Trial.Followup.Coordinator;

/// <summary>A phone task with the number to call, read from the identity store at the moment the page is shown.</summary>
public sealed record PhoneTaskRow(PhoneTask Task, string? Phone);
