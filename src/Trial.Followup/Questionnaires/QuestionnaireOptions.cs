using NodaTime;

namespace Trial.Followup.Questionnaires;

/// <summary>
/// Questionnaire settings a host may register before calling AddTrialFollowup; otherwise the defaults apply.
/// Rate limits apply to the token pages: per client address and over all addresses together, per window.
/// </summary>
public sealed record QuestionnaireOptions
{
    /// <summary>Folder with the trial's licensed wording files (&lt;instrument&gt;.yaml); null means placeholders only.</summary>
    public string? LicensedTextDirectory { get; init; }

    public int PermitsPerAddress { get; init; } = 60;

    public int PermitsOverall { get; init; } = 3000;

    public Duration Window { get; init; } = Duration.FromMinutes(1);
}
