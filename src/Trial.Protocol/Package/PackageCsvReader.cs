using System.Text;
using Trial.Protocol.Files;

namespace Trial.Protocol.Package;

/// <summary>
/// Reads one package CSV in the package dialect (RFC 4180, comma, '"' quoting, UTF-8): a header and rows of equal
/// length. Quoted cells may hold commas, quotes and line breaks, so a row's line is tracked, not assumed.
/// </summary>
public static class PackageCsvReader
{
    public static PackageTable Read(string name, byte[] bytes)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true);
        string content;
        try
        {
            content = text.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ProtocolFileException(new ProtocolFileError(name, "$", null, "is not UTF-8 text"));
        }
        if (content.Length > 0 && content[0] == '\uFEFF')
        {
            content = content[1..];
        }
        var records = Records(name, content);
        if (records.Count == 0)
        {
            throw new ProtocolFileException(new ProtocolFileError(name, "$", null, "has no header row"));
        }
        var header = records[0].Cells;
        foreach (var duplicate in header.GroupBy(h => h, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            throw new ProtocolFileException(new ProtocolFileError(name, $"column {duplicate.Key}", 1, "appears twice in the header"));
        }
        var rows = new List<string[]>(records.Count - 1);
        var lines = new List<int>(records.Count - 1);
        foreach (var (cells, line) in records.Skip(1))
        {
            if (cells.Length != header.Length)
            {
                throw new ProtocolFileException(new ProtocolFileError(name, "$", line, $"has {cells.Length} cells; the header has {header.Length}"));
            }
            rows.Add(cells);
            lines.Add(line);
        }
        return new PackageTable(name, header, rows, lines);
    }

    private static List<(string[] Cells, int Line)> Records(string name, string content)
    {
        var records = new List<(string[], int)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var start = 1;
        var i = 0;
        var atRecordStart = true;
        while (i < content.Length)
        {
            var c = content[i];
            if (c == '"' && cell.Length == 0)
            {
                i++;
                while (true)
                {
                    if (i >= content.Length)
                    {
                        throw new ProtocolFileException(new ProtocolFileError(name, "$", start, "a quoted cell is not closed"));
                    }
                    if (content[i] == '"')
                    {
                        if (i + 1 < content.Length && content[i + 1] == '"')
                        {
                            cell.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (content[i] == '\n')
                    {
                        line++;
                    }
                    cell.Append(content[i++]);
                }
                if (i < content.Length && content[i] is not (',' or '\n' or '\r'))
                {
                    throw new ProtocolFileException(new ProtocolFileError(name, "$", line, "text follows a closing quote"));
                }
                atRecordStart = false;
                continue;
            }
            if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
                atRecordStart = false;
                i++;
                continue;
            }
            if (c is '\n' or '\r')
            {
                i += c == '\r' && i + 1 < content.Length && content[i + 1] == '\n' ? 2 : 1;
                if (!atRecordStart || cell.Length > 0)
                {
                    cells.Add(cell.ToString());
                    records.Add((cells.ToArray(), start));
                }
                cells.Clear();
                cell.Clear();
                line++;
                start = line;
                atRecordStart = true;
                continue;
            }
            if (c == '"')
            {
                throw new ProtocolFileException(new ProtocolFileError(name, "$", line, "a quote inside an unquoted cell"));
            }
            cell.Append(c);
            atRecordStart = false;
            i++;
        }
        if (!atRecordStart || cell.Length > 0)
        {
            cells.Add(cell.ToString());
            records.Add((cells.ToArray(), start));
        }
        return records;
    }
}
