namespace Trial.Fidelity.Evidence;

/// <summary>
/// One job specialist's active caseload (ST1). Fte is the share of a full-time post; the supervisor's own caseload is
/// recorded but left out of the average even when they work as a specialist (L2715–2721).
/// </summary>
public sealed record CaseloadEntry(string Specialist, decimal Fte, int Participants, bool IsSupervisor);
