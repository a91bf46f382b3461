using NodaTime;

namespace Trial.Analysis.Package;

/// <summary>A randomised participant (participants.csv joined with covariates.csv; covariates by column name).</summary>
public sealed record ParticipantRecord(
    string Id,
    string Centre,
    string Arm,
    string Period,
    LocalDate RandomisedOn,
    LocalDate? DiedOn,
    IReadOnlyDictionary<string, string> Covariates)
{
    /// <summary>The covariate cell as text, "" when missing.</summary>
    public string Covariate(string column) => Covariates.TryGetValue(column, out var v) ? v : "";
}
