using System.Globalization;
using System.Text;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>
/// Reads RFC 4180 CSV (comma separated, double-quoted fields, header row). Empty cells and <c>NA</c> are missing.
/// A column whose non-missing cells all parse as numbers (invariant culture) is numeric, otherwise text.
/// </summary>
public static class CsvReader
{
    public static DataFrame ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelInputException($"data: file '{path}' does not exist");
        }
        using var reader = new StreamReader(path, Encoding.UTF8);
        return Read(reader, path);
    }

    public static DataFrame Read(TextReader reader, string source = "csv")
    {
        var header = ReadRecord(reader, source, 1) ?? throw new ModelInputException($"data: {source} is empty; expected a header row");
        if (header.Count == 0 || header.All(string.IsNullOrWhiteSpace))
        {
            throw new ModelInputException($"data: {source} line 1: the header row is empty");
        }
        var blank = header.FindIndex(string.IsNullOrWhiteSpace);
        if (blank >= 0)
        {
            throw new ModelInputException($"data: {source} line 1: column {blank + 1} has no name");
        }
        var cells = header.Select(_ => new List<string?>()).ToArray();
        var line = 1;
        while (ReadRecord(reader, source, ++line) is { } record)
        {
            if (record.Count == 1 && record[0].Length == 0)
            {
                continue;
            }
            if (record.Count != header.Count)
            {
                throw new ModelInputException($"data: {source} line {line}: {record.Count} fields, expected {header.Count} as in the header");
            }
            for (var j = 0; j < record.Count; j++)
            {
                var cell = record[j];
                cells[j].Add(cell.Length == 0 || cell == "NA" ? null : cell);
            }
        }
        return new DataFrame(header.Select((name, j) => ToColumn(name.Trim(), cells[j])));
    }

    private static DataColumn ToColumn(string name, List<string?> cells)
    {
        var values = new double[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell is null)
            {
                values[i] = double.NaN;
            }
            else if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]))
            {
                return new TextColumn(name, cells.ToArray());
            }
        }
        return new NumericColumn(name, values);
    }

    private static List<string>? ReadRecord(TextReader reader, string source, int line)
    {
        var first = reader.Peek();
        if (first < 0)
        {
            return null;
        }
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (quoted)
                {
                    throw new ModelInputException($"data: {source} line {line}: a quoted field is not closed");
                }
                fields.Add(field.ToString());
                return fields;
            }
            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                return fields;
            }
            else if (c != '\r')
            {
                field.Append((char)c);
            }
        }
    }
}
