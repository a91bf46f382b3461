using NodaTime;

namespace Trial.Enrollment.Protocol;

public sealed record ConsentFormVersion(string Version, LocalDate ValidFrom, string File);
