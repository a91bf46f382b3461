using System.Text.Json;
using System.Text.Json.Nodes;
using Trial.Fidelity.Scoring;

namespace Trial.Fidelity.Cli;

/// <summary>The score report for machines (--json): every item with its value, rule, caps and warnings.</summary>
internal static class ScoreReportJson
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Write(ReviewScore score, string? centre)
    {
        var scale = score.Scale;
        var items = new JsonArray();
        foreach (var (item, result) in scale.Items.Zip(score.Items))
        {
            items.Add(new JsonObject
            {
                ["code"] = item.Code.Value,
                ["section"] = item.Section,
                ["name"] = new JsonObject { ["nb-NO"] = item.Name.NorwegianBokmal, ["en"] = item.Name.English },
                ["method"] = SettingNames.Of(item.Method),
                ["score"] = result.Score,
                ["computedScore"] = result.Candidate,
                ["value"] = result.Value,
                ["roundedValue"] = result.RoundedValue,
                ["rule"] = Both(result.Rule),
                ["caps"] = new JsonArray(result.CapsApplied.Select(c => (JsonNode)new JsonObject
                {
                    ["code"] = c.Code, ["max"] = c.Max, ["fixed"] = c.Fixed, ["line"] = c.Line,
                }).ToArray()),
                ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode)Both(w)).ToArray()),
                ["missingEvidence"] = result.MissingEvidence,
            });
        }
        var settings = new JsonObject();
        foreach (var (key, value) in score.Settings.Describe())
        {
            settings[key] = value;
        }
        var sections = new JsonObject();
        foreach (var (key, value) in score.SectionTotals)
        {
            sections[key] = value;
        }
        var root = new JsonObject
        {
            ["scale"] = scale.Code,
            ["version"] = scale.Version,
            ["centre"] = centre,
            ["settings"] = settings,
            ["items"] = items,
            ["sections"] = sections,
            ["total"] = score.Total,
            ["category"] = new JsonObject
            {
                ["code"] = score.Category.Code,
                ["nb-NO"] = score.Category.Label.NorwegianBokmal,
                ["en"] = score.Category.Label.English,
            },
        };
        return root.ToJsonString(Indented);
    }

    private static JsonObject Both(Trial.Protocol.Files.LocalisedText text) => new() { ["nb-NO"] = text.NorwegianBokmal, ["en"] = text.English };
}
