using NodaTime;

namespace Trial.Analysis.Withdrawals;

/// <summary>One withdrawal in force at lock (withdrawals.csv); <see cref="EffectiveOn"/> is a Europe/Oslo calendar date.</summary>
public sealed record Withdrawal(string Participant, WithdrawalScope Scope, LocalDate? EffectiveOn);
