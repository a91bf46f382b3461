using NodaTime;

namespace Trial.Enrollment.Protocol;

/// <summary>An allocation epoch: the ratio in force from <see cref="From"/> to <see cref="To"/> (inclusive; null = open).</summary>
public sealed record AllocationPeriod(PeriodCode Code, LocalDate From, LocalDate? To, AllocationRatio Ratio, string Reason)
{
    public bool Contains(LocalDate date) => date >= From && (To is null || date <= To.Value);
}
