using Trial.Fidelity.Evidence;

namespace Trial.Fidelity.Scoring.Methods;

/// <summary>
/// SV6: qualifying contacts ÷ specialist-weeks, with whole weeks of absence taken off and specialists in post under a
/// month left out (L7383–7411), rounded; 2–3 contacts score 2 (L7424–7426). Anchors 3–5 also need the supervisor to
/// review the logs (monthly for 3, weekly for 4–5 unless the setting accepts monthly). Fewer than three job seekers:
/// two contacts per job seeker qualify for 5.
/// </summary>
internal static class EmployerContactMethod
{
    public static Computed? Compute(ItemEvidence evidence, ScoringSettings settings)
    {
        if (evidence.LogReview == LogReview.NoTracking)
        {
            return Computed.Of(null, null, 2, new("arbeidsgiverkontakter registreres ikke (ankerpunkt 2)", "no tracking of employer contacts (anchor 2)"));
        }
        var counted = evidence.ContactLogs.Where(l => l.MonthsInPost is null or >= 1).ToList();
        var weeks = counted.Sum(l => l.Weeks - (l.AbsentWeeks >= 1 ? l.AbsentWeeks : 0));
        if (counted.Count == 0 || weeks <= 0 || evidence.LogReview is null)
        {
            return null;
        }
        var contacts = counted.Sum(l => l.Contacts);
        var value = contacts / weeks;
        var rounded = WholeNumber.Round(value, settings.Rounding);
        var byRate = rounded switch
        {
            < 2 => 1,
            < 4 => 2,
            4 => 3,
            5 => 4,
            _ => 5,
        };
        var fewSeekers = evidence.JobSeekers is { } seekers && seekers < 3 && value >= 2 * seekers;
        if (fewSeekers)
        {
            byRate = 5;
        }
        var review = evidence.LogReview.Value;
        var allowedByReview = review switch
        {
            LogReview.NotReviewed => 2,
            LogReview.Monthly => settings.LogReviewForTopBands == LogReviewRequirement.Monthly ? 5 : 3,
            _ => 5,
        };
        var score = Math.Min(byRate, allowedByReview);
        var left = evidence.ContactLogs.Count - counted.Count;
        var how = WholeNumber.Describe(settings.Rounding);
        var setting = $"logReviewForTopBands={SettingNames.Of(settings.LogReviewForTopBands)}";
        var nb = $"{contacts} kontakter / {WholeNumber.ShowNb(weeks)} jobbspesialist-uker = {WholeNumber.ShowNb(value)}, {how.NorwegianBokmal} til {rounded} per uke"
            + (fewSeekers ? $" (færre enn tre jobbsøkere: 2 × {evidence.JobSeekers} gir 5)" : "")
            + (left > 0 ? $"; {left} jobbspesialist(er) ansatt under en måned holdt utenfor" : "")
            + $"; logger {SettingNames.Of(review)}"
            + (score < byRate ? $", som gir høyst {allowedByReview} (innstilling {setting})" : "");
        var en = $"{contacts} contacts / {WholeNumber.Show(weeks)} specialist-weeks = {WholeNumber.Show(value)}, {how.English} to {rounded} a week"
            + (fewSeekers ? $" (fewer than three job seekers: 2 × {evidence.JobSeekers} qualifies for 5)" : "")
            + (left > 0 ? $"; {left} specialist(s) in post under a month left out" : "")
            + $"; logs {SettingNames.Of(review)}"
            + (score < byRate ? $", which allows at most {allowedByReview} (setting {setting})" : "");
        return Computed.Of(value, rounded, score, new(nb, en));
    }
}
