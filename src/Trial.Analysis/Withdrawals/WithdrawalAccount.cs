using System.Text.Json.Nodes;
using Trial.Analysis.Report;
using Trial.Analysis.Run;

namespace Trial.Analysis.Withdrawals;

/// <summary>
/// What the withdrawals took out of the analysis, and why: participants withdrawn from data use (by arm), register months
/// after a register-linkage withdrawal, questionnaire answers after a data-collection withdrawal. Every table quotes it.
/// </summary>
public sealed record WithdrawalAccount(
    IReadOnlyList<StudyParticipant> DataUse,
    int RegisterParticipants,
    int RegisterMonths,
    int QuestionnaireParticipants,
    int QuestionnaireAnswers)
{
    public static WithdrawalAccount None { get; } = new([], 0, 0, 0, 0);

    public bool Any => DataUse.Count > 0 || RegisterMonths > 0 || QuestionnaireAnswers > 0;

    /// <summary>The note under a table built from register months and/or questionnaire answers.</summary>
    public string Note(StudyData d, bool register, bool questionnaire, ReportLocale l)
    {
        var parts = new List<string>
        {
            l.Text($"{DataUse.Count} participant(s) withdrawn from data use ({ArmCounts(d, l)})",
                   $"{DataUse.Count} deltaker(e) trakk samtykket til bruk av data ({ArmCounts(d, l)})"),
        };
        if (register)
        {
            parts.Add(l.Text($"{RegisterMonths} register month(s) of {RegisterParticipants} participant(s) from the month of a register-linkage withdrawal on",
                             $"{RegisterMonths} registermåned(er) for {RegisterParticipants} deltaker(e) fra og med måneden de trakk samtykket til registerkobling"));
        }
        if (questionnaire)
        {
            parts.Add(l.Text($"{QuestionnaireAnswers} questionnaire score(s) of {QuestionnaireParticipants} participant(s) completed on or after a data-collection withdrawal",
                             $"{QuestionnaireAnswers} spørreskjemaskår for {QuestionnaireParticipants} deltaker(e) besvart etter at de trakk samtykket til datainnsamling"));
        }
        return l.Text("Left out because of withdrawals: ", "Utelatt på grunn av tilbaketrekning: ") + string.Join("; ", parts) + ".";
    }

    public JsonObject Json(StudyData d, bool register, bool questionnaire)
    {
        var json = new JsonObject
        {
            ["dataUse"] = new JsonObject
            {
                ["participants"] = DataUse.Count,
                ["byArm"] = new JsonObject(new[] { true, false }.Select(t => KeyValuePair.Create(d.ArmLabel(t), (JsonNode?)DataUse.Count(p => p.Treated == t)))),
            },
        };
        if (register)
        {
            json["registerLinkage"] = new JsonObject { ["participants"] = RegisterParticipants, ["personMonths"] = RegisterMonths };
        }
        if (questionnaire)
        {
            json["dataCollection"] = new JsonObject { ["participants"] = QuestionnaireParticipants, ["scores"] = QuestionnaireAnswers };
        }
        return json;
    }

    /// <summary>Tidy rows for tables/left-out.csv: table, reason, arm, participants, records, record_unit.</summary>
    public IEnumerable<IReadOnlyList<string>> CsvRows(StudyData d, string table, bool register, bool questionnaire)
    {
        foreach (var treated in new[] { true, false })
        {
            yield return [table, "data-use", d.ArmLabel(treated), Int(DataUse.Count(p => p.Treated == treated)), "", "participant"];
        }
        if (register)
        {
            yield return [table, "register-linkage", "", Int(RegisterParticipants), Int(RegisterMonths), "person-month"];
        }
        if (questionnaire)
        {
            yield return [table, "data-collection", "", Int(QuestionnaireParticipants), Int(QuestionnaireAnswers), "score"];
        }
    }

    private string ArmCounts(StudyData d, ReportLocale l) =>
        string.Join(", ", new[] { true, false }.Select(t => $"{d.ArmLabel(t)} {l.Number(DataUse.Count(p => p.Treated == t), 0)}"));

    private static string Int(int v) => v.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
