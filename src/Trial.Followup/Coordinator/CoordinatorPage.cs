using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using NodaTime;
using NodaTime.Text;
using Trial.Followup.Instruments;
using Trial.Followup.Questionnaires.Participants;

namespace Trial.Followup.Coordinator;

/// <summary>Server-rendered coordinator view of one centre: counts by occasion and arm, then the phone list.</summary>
internal static class CoordinatorPage
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly DateTimeZone Oslo = DateTimeZoneProviders.Tzdb["Europe/Oslo"];
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm");

    public static string Render(CentreStatus status, IReadOnlyList<PhoneTask> tasks, TextLanguage language)
    {
        string T(LocalisedText text) => E(text.For(language));
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"").Append(language.Tag()).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(T(CoordinatorTexts.Title)).Append(" – ").Append(E(status.Centre))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:1rem}table{border-collapse:collapse;margin-bottom:1.5rem}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}</style></head><body>");
        html.Append("<h1>").Append(T(CoordinatorTexts.Title)).Append(" – ").Append(E(status.Centre)).Append("</h1><p>")
            .Append(T(CoordinatorTexts.AsOf)).Append(' ').Append(E(Local.Format(status.AsOf.InZone(Oslo).LocalDateTime))).Append("</p>");
        html.Append("<table id=\"status\"><tr>");
        foreach (var header in new[] { CoordinatorTexts.Occasion, CoordinatorTexts.Arm, CoordinatorTexts.Due, CoordinatorTexts.Invited, CoordinatorTexts.Overdue, CoordinatorTexts.Completed, CoordinatorTexts.Missed, CoordinatorTexts.Cancelled, CoordinatorTexts.Rate })
        {
            html.Append("<th>").Append(T(header)).Append("</th>");
        }
        html.Append("</tr>");
        foreach (var row in status.Occasions)
        {
            html.Append("<tr><td>").Append(E(PageTexts.Occasion(row.Occasion).For(language))).Append("</td><td>").Append(E(row.Arm)).Append("</td>");
            foreach (var count in new[] { row.Due, row.Invited, row.Overdue, row.Completed, row.Missed, row.Cancelled })
            {
                html.Append("<td>").Append(count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            }
            html.Append("<td>").Append(row.ResponseRate is { } rate ? (rate * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–").Append("</td></tr>");
        }
        html.Append("</table><h2>").Append(T(CoordinatorTexts.PhoneTasks)).Append("</h2>");
        if (tasks.Count == 0)
        {
            html.Append("<p id=\"phone-tasks\">").Append(T(CoordinatorTexts.NoPhoneTasks)).Append("</p>");
        }
        else
        {
            html.Append("<table id=\"phone-tasks\"><tr><th>").Append(T(CoordinatorTexts.Participant)).Append("</th><th>").Append(T(CoordinatorTexts.Occasion))
                .Append("</th><th>").Append(T(CoordinatorTexts.DueOn)).Append("</th><th>").Append(T(CoordinatorTexts.Reminders)).Append("</th><th>").Append(T(CoordinatorTexts.Closes)).Append("</th></tr>");
            foreach (var task in tasks)
            {
                html.Append("<tr><td>").Append(task.Participant.ToString("N")).Append("</td><td>").Append(E(PageTexts.Occasion(task.Occasion).For(language)))
                    .Append("</td><td>").Append(LocalDatePattern.Iso.Format(task.DueOn)).Append("</td><td>").Append(task.RemindersSent.ToString(CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(E(Local.Format(task.ClosesAt.InZone(Oslo).LocalDateTime))).Append("</td></tr>");
            }
            html.Append("</table>");
        }
        html.Append("<p>").Append(T(CoordinatorTexts.ManualEntry)).Append("</p></body></html>");
        return html.ToString();
    }

    public static string Refusal(TextLanguage language, LocalisedText title, LocalisedText body) =>
        $"<!doctype html><html lang=\"{language.Tag()}\"><head><meta charset=\"utf-8\"><title>{E(title.For(language))}</title></head><body><h1>{E(title.For(language))}</h1><p>{E(body.For(language))}</p></body></html>";

    private static string E(string text) => Encoder.Encode(text);
}
