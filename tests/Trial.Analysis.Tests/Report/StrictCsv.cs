using System.Globalization;
using System.Text;
using Trial.Analysis.Report;

namespace Trial.Analysis.Tests.Report;

/// <summary>
/// A strict RFC 4180 reader (no leniency: a quote inside an unquoted field, text after a closing quote, an
/// unterminated quote or a record with a different number of fields is an error) and the checks every tidy CSV of
/// a run must pass.
/// </summary>
internal static class StrictCsv
{
    public static List<string[]> Parse(string text, string name)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        var line = 1;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, $"{name}: unterminated quoted field starting on line {line}");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    line += text[i] == '\n' ? 1 : 0;
                    field.Append(text[i++]);
                }
                Assert.True(i >= text.Length || text[i] is ',' or '\n' or '\r', $"{name}: text after a closing quote on line {line}");
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                {
                    Assert.True(text[i] != '"', $"{name}: quote inside an unquoted field on line {line}");
                    field.Append(text[i++]);
                }
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }
            if (i < text.Length && text[i] == '\r')
            {
                i++;
            }
            Assert.True(i >= text.Length || text[i] == '\n', $"{name}: bare carriage return on line {line}");
            i++;
            line++;
            records.Add([.. fields]);
            fields.Clear();
        }
        return records;
    }

    /// <summary>Every tables/*.csv: strict RFC 4180, the declared columns, rectangular, numeric columns numeric, ASCII minus.</summary>
    public static void AssertTidyFolder(string tablesFolder)
    {
        var files = Directory.GetFiles(tablesFolder, "*.csv");
        Assert.NotEmpty(files);
        var declared = TidyCsv.Columns.Select(c => c.Name).ToArray();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var bytes = File.ReadAllBytes(file);
            Assert.False(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB, $"{name}: byte-order mark");
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            Assert.DoesNotContain('\u2212', text);
            var records = Parse(text, name);
            if (name == ResultsWriter.LeftOutFile)
            {
                // Its own declared layout (withdrawals): strict and rectangular, counts numeric.
                Assert.All(records, r => Assert.Equal(records[0].Length, r.Length));
                Assert.All(records.Skip(1), r => Assert.True(r[3..5].All(v => v.Length == 0 || int.TryParse(v, CultureInfo.InvariantCulture, out _)), $"{name}: counts {string.Join(",", r)}"));
                continue;
            }
            Assert.Equal(declared, records[0]);
            Assert.True(records.Count > 1, $"{name}: no rows");
            var table = Path.GetFileNameWithoutExtension(file);
            foreach (var (record, index) in records.Skip(1).Select((r, k) => (r, k + 2)))
            {
                Assert.True(record.Length == declared.Length, $"{name} record {index}: {record.Length} fields, header has {declared.Length}");
                Assert.Equal(table, record[0]);
                for (var c = 0; c < declared.Length; c++)
                {
                    if (TidyCsv.Columns[c].Numeric && record[c].Length > 0)
                    {
                        Assert.True(record[c] is "Inf" or "-Inf" || double.TryParse(record[c], NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                            $"{name} record {index}, column {declared[c]}: '{record[c]}' is not a number");
                    }
                }
                Assert.False(record[1].StartsWith('+'), $"{name} record {index}: outcome '{record[1]}' has a leading plus");
            }
        }
    }
}
