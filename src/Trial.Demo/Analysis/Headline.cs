using System.Globalization;
using System.Text.Json;

namespace Trial.Demo.Analysis;

/// <summary>The headline results read back from results.json: the effect on work, the 12-month questionnaire differences, the critical wage.</summary>
internal static class Headline
{
    public static void Print(string resultsJson, double nominalEffect, double realisedEffect, TextWriter output)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(resultsJson));
        var root = document.RootElement;
        var analyses = root.GetProperty("analyses");
        if (Find(analyses, "main", "results", "in_work", "coefficients", "ips") is { } ips)
        {
            output.WriteLine($"Effect of IPS on being in work (LPM on all post-inclusion person-months; true effect set {F(nominalEffect)}, realised in this sample {F(realisedEffect)}):");
            var estimate = ips.GetProperty("estimate").GetDouble();
            foreach (var inference in ips.GetProperty("inference").EnumerateObject())
            {
                var v = inference.Value;
                if (v.TryGetProperty("ciLower", out var lower) && v.TryGetProperty("ciUpper", out var upper))
                {
                    var df = v.TryGetProperty("df", out var d) ? $", df {d.GetDouble().ToString("0.#", CultureInfo.InvariantCulture)}" : "";
                    output.WriteLine($"  {F(estimate)}  95 % CI {F(lower.GetDouble())} to {F(upper.GetDouble())}  ({inference.Name}{df})");
                }
            }
        }
        if (Find(analyses, "adjusted", "results") is { } adjusted)
        {
            output.WriteLine("12-month questionnaire differences, IPS − control (mixed model, baseline-adjusted, ML):");
            foreach (var outcome in adjusted.EnumerateObject())
            {
                if (outcome.Value.ValueKind == JsonValueKind.Object && outcome.Value.TryGetProperty("12m", out var m12) && m12.TryGetProperty("difference", out var diff))
                {
                    output.WriteLine($"  {outcome.Name,-16} {diff.GetDouble(),7:0.00}  95 % CI {m12.GetProperty("ciLower").GetDouble():0.00} to {m12.GetProperty("ciUpper").GetDouble():0.00}");
                }
            }
        }
        if (root.TryGetProperty("costBenefit", out var costBenefit) && costBenefit.TryGetProperty("criticalWage", out var wages))
        {
            output.WriteLine("Critical wage (NOK a year at which IPS breaks even), by horizon:");
            foreach (var row in wages.EnumerateArray())
            {
                output.WriteLine($"  {row.GetProperty("years").GetInt32()} years: {row.GetProperty("criticalWage").GetDouble().ToString("N0", CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static JsonElement? Find(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return null;
            }
        }
        return element;
    }

    private static string F(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
