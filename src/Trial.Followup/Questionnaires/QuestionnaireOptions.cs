using NodaTime;

namespace Trial.Followup.Questionnaires;

/// <summary>
/// Questionnaire settings a host may register before calling AddTrialFollowup; otherwise the defaults apply.
/// Rate limits on the token pages, per window: all requests per client address (ASP.NET Core's rate-limiting
/// middleware), and failed look-ups (unknown links) per address and per network prefix. Nothing is shared by all
/// clients, so a flood of guesses from many addresses cannot lock out a participant with a valid link.
/// </summary>
public sealed record QuestionnaireOptions
{
    /// <summary>Folder with the trial's licensed wording files (&lt;instrument&gt;.yaml); null means placeholders only.</summary>
    public string? LicensedTextDirectory { get; init; }

    /// <summary>Requests of any kind from one address.</summary>
    public int RequestsPerAddress { get; init; } = 120;

    /// <summary>Unknown-link answers for one address before it gets 429.</summary>
    public int FailuresPerAddress { get; init; } = 20;

    /// <summary>Unknown-link answers for one network (IPv4 /24, IPv6 /56) before every address in it gets 429.</summary>
    public int FailuresPerNetwork { get; init; } = 100;

    public Duration Window { get; init; } = Duration.FromMinutes(1);
}
