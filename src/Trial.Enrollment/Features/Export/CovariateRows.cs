using Trial.Enrollment.Features.Participants;
using Trial.Protocol.Baseline;

namespace Trial.Enrollment.Features.Export;

/// <summary>
/// covariates.csv: the fixed columns, then every baseline-form field and indicator in protocol order
/// (protocol/data-package.md). Screening's severity/education are used only where the form left them empty.
/// </summary>
internal static class CovariateRows
{
    private static readonly string[] Fixed = ["participant_id", "age", "sex", "income_2013_g"];

    public static string[] Header(BaselineForm form) => [.. Fixed, .. form.Columns().Select(c => c.Name)];

    /// <param name="answers">The participant's latest baseline answers (empty when none were recorded).</param>
    /// <param name="dataUseWithdrawn">Withdrawal from use of data blanks every covariate; the row stays for ITT counts.</param>
    public static IReadOnlyList<object?> Row(BaselineForm form, ParticipantRecord participant, IReadOnlyDictionary<string, string?> answers, bool dataUseWithdrawn)
    {
        if (dataUseWithdrawn)
        {
            return [participant.ResearchId, .. Enumerable.Repeat<object?>(null, Header(form).Length - 1)];
        }
        var merged = new Dictionary<string, string?>(answers, StringComparer.Ordinal);
        Fallback(form, merged, "severity", participant.Severity);
        Fallback(form, merged, "education", participant.Education);
        return [participant.ResearchId, participant.AgeAtScreening, participant.Sex, null, .. BaselineAnswer.Cells(form, merged)];
    }

    private static void Fallback(BaselineForm form, Dictionary<string, string?> answers, string field, string? screened)
    {
        if (screened is not null && answers.GetValueOrDefault(field) is null && form.Field(field) is { } f && BaselineAnswer.Check(f, screened).Value is { } value)
        {
            answers[field] = value;
        }
    }
}
