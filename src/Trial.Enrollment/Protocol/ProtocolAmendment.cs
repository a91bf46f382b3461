using NodaTime;

namespace Trial.Enrollment.Protocol;

/// <summary>What makes a new protocol version an amendment: the date it takes effect and why.</summary>
public sealed record ProtocolAmendment(LocalDate EffectiveOn, string Reason);
