using System.Text.Json;

namespace Trial.Analysis.Tests;

/// <summary>Reads the JSON golden files written by the R scripts in tests/Trial.Analysis.Tests/reference (copied to the output folder).</summary>
internal static class GoldenJson
{
    public static JsonElement Load(string relative) => JsonDocument.Parse(File.ReadAllText(Golden.PathOf(relative))).RootElement;

    public static double[] Doubles(this JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? [.. e.EnumerateArray().Select(v => v.GetDouble())]
        : [e.GetDouble()];

    public static string[] Strings(this JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? [.. e.EnumerateArray().Select(v => v.GetString() ?? "")]
        : [e.GetString() ?? ""];

    public static double[][] Matrix(this JsonElement e) => [.. e.EnumerateArray().Select(r => r.Doubles())];

    public static double Number(this JsonElement e, string name) => e.GetProperty(name).GetDouble();

    /// <summary>Asserts |actual − expected| ≤ tolerance·max(|expected|, floor).</summary>
    public static void Near(double expected, double actual, double tolerance, double floor = 1e-300, string what = "")
    {
        var scale = Math.Max(Math.Abs(expected), floor);
        Assert.True(Math.Abs(actual - expected) <= tolerance * scale,
            $"{what}: expected {expected:R}, got {actual:R} (relative difference {Math.Abs(actual - expected) / scale:E2} > {tolerance:E0})");
    }
}
