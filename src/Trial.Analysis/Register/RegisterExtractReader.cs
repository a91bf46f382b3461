using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Trial.Analysis.Inputs;

namespace Trial.Analysis.Register;

/// <summary>
/// Reads and validates a register extract (protocol/register-extract.md). The format forbids quoting, so rows are
/// split on commas, which lets every error carry its exact line and column. After the nine core columns the file may
/// carry the extra columns the analysis plan declares (register_columns); an undeclared one is refused.
/// </summary>
public static class RegisterExtractReader
{
    private static readonly IReadOnlyDictionary<string, RegisterColumnKind> NoExtra = new Dictionary<string, RegisterColumnKind>(StringComparer.Ordinal);

    public static RegisterExtract Read(string path, IReadOnlyDictionary<string, RegisterColumnKind>? declared = null)
    {
        if (!File.Exists(path))
        {
            throw new InputRejectedException(path, "file", "register extract not found");
        }
        var bytes = File.ReadAllBytes(path);
        return Parse(path, bytes, declared);
    }

    /// <param name="declared">The plan's extra columns and their kinds (none: exactly the nine core columns).</param>
    public static RegisterExtract Parse(string source, byte[] bytes, IReadOnlyDictionary<string, RegisterColumnKind>? declared = null)
    {
        declared ??= NoExtra;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new InputRejectedException(source, "file", "not valid UTF-8");
        }
        var lines = text.Split('\n');
        var header = lines[0].TrimEnd('\r').Split(',');
        var core = RegisterExtract.Columns;
        for (var j = 0; j < core.Length; j++)
        {
            if (j >= header.Length || header[j] != core[j])
            {
                throw new InputRejectedException(source, $"line 1, column {j + 1}",
                    $"header must begin with exactly '{string.Join(",", core)}'; found '{(j < header.Length ? header[j] : "(missing)")}'");
            }
        }
        for (var j = core.Length; j < header.Length; j++)
        {
            if (!declared.ContainsKey(header[j]))
            {
                throw new InputRejectedException(source, $"line 1, column {j + 1} ({header[j]})",
                    $"extra column '{header[j]}' is not declared under register_columns in the analysis plan" +
                    (declared.Count == 0 ? " (the plan declares none)" : $" (declared: {string.Join(", ", declared.Keys)})"));
            }
            if (Array.IndexOf(header, header[j], core.Length) != j)
            {
                throw new InputRejectedException(source, $"line 1, column {j + 1} ({header[j]})", $"column '{header[j]}' appears twice");
            }
        }
        if (declared.Keys.FirstOrDefault(k => !header.Contains(k, StringComparer.Ordinal)) is { } absent)
        {
            throw new InputRejectedException(source, $"line 1 ({absent})", $"column '{absent}' is declared under register_columns in the analysis plan but missing from the header");
        }
        var expected = header;
        var ids = new List<string>();
        var months = new List<int>();
        var status = Enumerable.Range(0, expected.Length - 2).Select(_ => new List<double>()).ToArray();
        var seen = new HashSet<(string, int)>();
        for (var i = 1; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 && i == lines.Length - 1)
            {
                break;
            }
            var at = (int column) => $"line {i + 1}, column {column}";
            if (line.Contains('"', StringComparison.Ordinal))
            {
                throw new InputRejectedException(source, at(line.IndexOf('"', StringComparison.Ordinal) + 1), "quotes are not allowed in a register extract");
            }
            var fields = line.Split(',');
            if (fields.Length != expected.Length)
            {
                throw new InputRejectedException(source, at(Math.Min(fields.Length, expected.Length) + (fields.Length > expected.Length ? 1 : 0)),
                    $"{fields.Length} fields, expected {expected.Length}");
            }
            if (fields[0].Length == 0)
            {
                throw new InputRejectedException(source, $"{at(1)} (participant_id)", "participant_id is empty");
            }
            var month = ParseMonth(fields[1]) ?? throw new InputRejectedException(source, $"{at(2)} (month)", $"'{fields[1]}' is not a yyyy-MM month");
            if (!seen.Add((fields[0], month)))
            {
                throw new InputRejectedException(source, $"{at(2)} (month)", $"{fields[0]} has month {fields[1]} twice");
            }
            ids.Add(fields[0]);
            months.Add(month);
            for (var j = 2; j < fields.Length; j++)
            {
                var count = j >= core.Length && declared[expected[j]] == RegisterColumnKind.Count;
                status[j - 2].Add(fields[j] switch
                {
                    "1" => 1.0,
                    "0" => 0.0,
                    "" => double.NaN,
                    var v when count && v.Length <= 6 && v.All(char.IsAsciiDigit) && v[0] != '0' => int.Parse(v, CultureInfo.InvariantCulture),
                    var v => throw new InputRejectedException(source, $"{at(j + 1)} ({expected[j]})",
                        count ? $"'{v}' must be a whole number 0–999999 or empty" : $"'{v}' must be 0, 1 or empty"),
                });
            }
        }
        var extra = Enumerable.Range(core.Length, expected.Length - core.Length)
            .ToDictionary(j => expected[j], j => status[j - 2].ToArray(), StringComparer.Ordinal);
        return new RegisterExtract(source, ids.ToArray(), months.ToArray(), status.Take(core.Length - 2).Select(s => s.ToArray()).ToArray(),
            Convert.ToHexStringLower(SHA256.HashData(bytes)), extra);
    }

    private static int? ParseMonth(string text) =>
        text.Length == 7 && text[4] == '-'
        && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && y is >= 1900 and <= 2200 && m is >= 1 and <= 12
            ? RegisterExtract.MonthIndex(y, m)
            : null;
}
