namespace Trial.Fidelity.Evidence;

/// <summary>
/// Days from a recent entrant's first meeting with the specialist to the first in-person employer contact (SV4).
/// When no contact has happened yet, the days up to the review date are recorded (L6870–6876).
/// </summary>
public sealed record RapidSearchEntry(string? Specialist, decimal Days);
