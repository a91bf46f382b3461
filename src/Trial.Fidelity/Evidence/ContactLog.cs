namespace Trial.Fidelity.Evidence;

/// <summary>
/// Qualifying employer contacts (in person, with hiring authority, for job development) from one specialist's logs, or
/// from the unit's logs together, over Weeks specialist-weeks (SV6). Whole weeks of absence are taken off the
/// denominator; specialists employed under a month are left out (L7383–7411).
/// </summary>
public sealed record ContactLog(string Specialist, int Contacts, decimal Weeks, int AbsentWeeks, decimal? MonthsInPost);
