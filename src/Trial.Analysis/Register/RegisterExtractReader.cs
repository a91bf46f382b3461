using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Trial.Analysis.Inputs;

namespace Trial.Analysis.Register;

/// <summary>
/// Reads and validates a register extract (protocol/register-extract.md). The format forbids quoting, so rows are
/// split on commas, which lets every error carry its exact line and column.
/// </summary>
public static class RegisterExtractReader
{
    public static RegisterExtract Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputRejectedException(path, "file", "register extract not found");
        }
        var bytes = File.ReadAllBytes(path);
        return Parse(path, bytes);
    }

    public static RegisterExtract Parse(string source, byte[] bytes)
    {
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
        var expected = RegisterExtract.Columns;
        for (var j = 0; j < Math.Max(header.Length, expected.Length); j++)
        {
            if (j >= header.Length || j >= expected.Length || header[j] != expected[j])
            {
                throw new InputRejectedException(source, $"line 1, column {j + 1}",
                    $"header must be exactly '{string.Join(",", expected)}'; found '{(j < header.Length ? header[j] : "(missing)")}'");
            }
        }
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
                status[j - 2].Add(fields[j] switch
                {
                    "1" => 1.0,
                    "0" => 0.0,
                    "" => double.NaN,
                    var v => throw new InputRejectedException(source, $"{at(j + 1)} ({expected[j]})", $"'{v}' must be 0, 1 or empty"),
                });
            }
        }
        return new RegisterExtract(source, ids.ToArray(), months.ToArray(), status.Select(s => s.ToArray()).ToArray(),
            Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static int? ParseMonth(string text) =>
        text.Length == 7 && text[4] == '-'
        && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var y)
        && int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
        && y is >= 1900 and <= 2200 && m is >= 1 and <= 12
            ? RegisterExtract.MonthIndex(y, m)
            : null;
}
