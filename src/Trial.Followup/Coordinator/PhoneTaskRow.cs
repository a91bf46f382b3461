namespace Trial.Followup.Coordinator;

/// <summary>
/// A phone task with the number to call, read from the identity store at the moment the page is shown, and the
/// participant's research ID from the host (null without one).
/// </summary>
public sealed record PhoneTaskRow(PhoneTask Task, string? Phone, string? ResearchId);
