using System.Globalization;
using Trial.Followup.Instruments;
using Trial.Followup.Tests.Instruments;

namespace Trial.Followup.Tests.Support;

/// <summary>
/// A complete, valid 6-month form with hand-computable scores: every choice item answers 1 where 1 is an option
/// (DUDIT 10–11 offer 0/2/4 → 0; work–health 1–5 → 1), EQ VAS 70, ladder 6. Expected: HADS 7 + 7 = 14, SHC 29,
/// Chalder 11, WHODAS 12/48 → 25, AUDIT-C 3, DUDIT 9, ladder 6, VAS 70, work–health 1.
/// </summary>
internal static class FormAnswers
{
    public static Dictionary<string, string> Complete(Guid submission, string action = "submit")
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["submission"] = submission.ToString("D"),
            ["action"] = action,
        };
        foreach (var instrument in ShippedInstruments.Catalog.ForOccasion("m6"))
        {
            foreach (var item in instrument.Items)
            {
                fields[AnswerValidator.FieldName(instrument.Code, item.Code)] = (instrument.Code, item.Code) switch
                {
                    ("eq5d-vas", _) => "70",
                    ("ladder", _) => "6",
                    _ => (item.Options.Any(o => o.Value == 1) ? 1 : item.Minimum).ToString(CultureInfo.InvariantCulture),
                };
            }
        }
        return fields;
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, Uri link, Dictionary<string, string> fields) =>
        client.PostAsync(link, new FormUrlEncodedContent(fields));
}
