using System.Globalization;
using Trial.Analysis.Data;

namespace Trial.Analysis.Tests;

/// <summary>Reads golden values written by reference/*.R (columns dataset, model, quantity, term, value).</summary>
internal static class Golden
{
    private static readonly Dictionary<string, Dictionary<(string, string, string, string), double>> Cache = new(StringComparer.Ordinal);

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "reference", file);

    public static DataFrame Data(string file) => CsvReader.ReadFile(PathOf(file));

    public static double Value(string file, string dataset, string model, string quantity, string term)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(file, out var values))
            {
                values = [];
                var frame = CsvReader.ReadFile(PathOf(file));
                var cols = new[] { "dataset", "model", "quantity", "term" }.Select(c => frame[c]).ToArray();
                var v = frame.Numeric("value").Values;
                for (var i = 0; i < frame.RowCount; i++)
                {
                    values[(cols[0].Format(i), cols[1].Format(i), cols[2].Format(i), cols[3].Format(i))] = v[i];
                }
                Cache[file] = values;
            }
            return values.TryGetValue((dataset, model, quantity, term), out var value)
                ? value
                : throw new KeyNotFoundException($"{file}: no golden value {dataset}/{model}/{quantity}/{term}");
        }
    }

    /// <summary>Asserts |actual − expected| ≤ tolerance·|expected| (relative).</summary>
    public static void AssertRelative(double expected, double actual, double tolerance, string what)
    {
        var error = Math.Abs(actual - expected) / Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(error <= tolerance, string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R} (relative error {error:G3} > {tolerance:G3})"));
    }
}
