using System.Text.Json;

namespace Trial.Enrollment.Features.ScreeningCorrection;

/// <summary>
/// The screening values a correction may change, as stored on the participant; the audit entry records them before and
/// after, so the trail alone shows what was corrected.
/// </summary>
internal sealed record ScreeningValues(
    IReadOnlyDictionary<string, bool> Answers,
    string? Severity,
    string? Education,
    bool Eligible,
    string? ExclusionReason,
    IReadOnlyList<string> Failed)
{
    public static ScreeningValues Of(Participants.ParticipantRecord participant)
    {
        using var document = JsonDocument.Parse(participant.Screening);
        var failed = document.RootElement.TryGetProperty("failed", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => x.GetString()!).ToList()
            : [];
        return new ScreeningValues(StoredAnswers(participant.Screening), participant.Severity, participant.Education, participant.Eligible,
            participant.ExclusionReason, failed);
    }

    /// <summary>The answers in participants.screening (JSON written at screening: {"answers": {...}, "failed": [...]}).</summary>
    public static IReadOnlyDictionary<string, bool> StoredAnswers(string screeningJson)
    {
        using var document = JsonDocument.Parse(screeningJson);
        return document.RootElement.TryGetProperty("answers", out var answers) && answers.ValueKind == JsonValueKind.Object
            ? answers.EnumerateObject().ToDictionary(a => a.Name, a => a.Value.GetBoolean(), StringComparer.Ordinal)
            : new Dictionary<string, bool>(StringComparer.Ordinal);
    }

    public bool SameAs(ScreeningValues other) =>
        Severity == other.Severity && Education == other.Education && Answers.Count == other.Answers.Count
        && Answers.All(a => other.Answers.TryGetValue(a.Key, out var b) && a.Value == b);

    /// <summary>The audit payload's shape; answers ordered by criterion code so the entry reads the same every time.</summary>
    public object ForAudit() => new
    {
        answers = Answers.OrderBy(a => a.Key, StringComparer.Ordinal).ToDictionary(a => a.Key, a => a.Value),
        severity = Severity,
        education = Education,
        eligible = Eligible,
        exclusionReason = ExclusionReason,
        failed = Failed,
    };
}
