using System.Text.Json;
using System.Text.Json.Nodes;

namespace Trial.Analysis.CostBenefit;

/// <summary>Machine-readable form of a <see cref="CriticalWageAnalysis"/> (also embedded in results.json).</summary>
public static class CriticalWageJson
{
    public static JsonObject ToJson(CriticalWageAnalysis a) => new()
    {
        ["currency"] = "NOK",
        ["priceYear"] = a.Inputs.Costs.Year,
        ["inputsVersion"] = a.Inputs.Version,
        ["effect"] = new JsonObject
        {
            ["estimate"] = a.Effect.Estimate,
            ["ciLower"] = a.Effect.Lower,
            ["ciUpper"] = a.Effect.Upper,
            ["source"] = a.Effect.Source,
        },
        ["requiredPresentValue"] = new JsonObject
        {
            ["operating"] = a.Required.Operating,
            ["navMeasures"] = a.Required.NavMeasures,
            ["oneOff"] = a.Required.OneOff,
            ["derived"] = a.Required.Derived,
            ["calibratedToTable23"] = a.Required.CalibratedToTable23,
            ["used"] = a.Required.Used,
            ["usedSource"] = a.Required.UsedSource,
        },
        ["criticalWage"] = new JsonArray(a.Rows.Select(r => (JsonNode)new JsonObject
        {
            ["years"] = r.Years,
            ["criticalWage"] = Finite(r.CriticalWage),
            ["lower"] = r.Interval?.Lower,
            ["upper"] = r.Interval?.Upper,
            ["bound"] = r.Interval?.Describe(),
        }).ToArray()),
        ["breakdown"] = a.Breakdown is null ? null : new JsonObject
        {
            ["wage"] = a.Breakdown.Wage,
            ["production"] = a.Breakdown.Production,
            ["lostLeisure"] = a.Breakdown.LostLeisure,
            ["savedTaxCost"] = a.Breakdown.SavedTaxCost,
            ["perEmployed"] = a.Breakdown.PerEmployed,
            ["perParticipant"] = a.Breakdown.PerParticipant,
        },
        ["sensitivity"] = new JsonArray(a.Sensitivity.Select(c => (JsonNode)new JsonObject
        {
            ["years"] = c.Years,
            ["discountRate"] = c.DiscountRate,
            ["criticalWage"] = c.CriticalWage,
        }).ToArray()),
        ["notes"] = new JsonArray([.. a.Notes.Select(n => (JsonNode)JsonValue.Create(n)!)]),
        ["breakEvenEffect"] = new JsonArray(a.BreakEven.Select(b => (JsonNode)new JsonObject
        {
            ["wage"] = b.Wage,
            ["years"] = b.Years,
            ["effect"] = b.Effect,
        }).ToArray()),
    };

    public static string Serialize(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    private static double? Finite(double v) => double.IsFinite(v) ? v : null;
}
