using System.Text;
using nietras.SeparatedValues;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>
/// Reads RFC 4180 CSV (comma separated, double-quoted fields, header row) with the SIMD parser Sep, straight into typed
/// column buffers: numbers into doubles without a string per cell, text interned once per distinct value. Empty cells
/// and <c>NA</c> are missing; blank lines are skipped as read.csv does. Column types follow <see cref="CsvReadOptions"/>.
/// </summary>
public static class CsvReader
{
    public static DataFrame ReadFile(string path) => ReadFile(path, CsvReadOptions.Default);

    public static DataFrame ReadFile(string path, CsvReadOptions options) => ReadFile(path, options, out _);

    /// <summary>
    /// Reads a file; a large one is cut at line ends into one slice per core, each parsed into its own buffers and then
    /// joined. Any doubt (a quote across a cut, a slice that disagrees about a column's type, any error) falls back to
    /// one sequential pass, which also gives the exact line of an error.
    /// </summary>
    public static DataFrame ReadFile(string path, CsvReadOptions options, out IReadOnlyDictionary<string, int> strayCells)
    {
        if (!File.Exists(path))
        {
            throw new ModelInputException($"data: file '{path}' does not exist");
        }
        if (ParallelCsv.TryRead(path, options, out var frame, out strayCells))
        {
            return frame;
        }
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return Read(reader, path, options, out strayCells);
    }

    public static DataFrame Read(TextReader reader, string source = "csv") => Read(reader, source, CsvReadOptions.Default);

    public static DataFrame Read(TextReader text, string source, CsvReadOptions options) => Read(text, source, options, out _);

    /// <summary>Reads; <paramref name="strayCells"/> counts text cells made missing per column (policy Missing).</summary>
    public static DataFrame Read(TextReader text, string source, CsvReadOptions options, out IReadOnlyDictionary<string, int> strayCells)
    {
        SepReader reader;
        try
        {
            reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(text);
        }
        catch (ArgumentException e)
        {
            throw new ModelInputException($"data: {source} line 1: a column name appears twice in the header ({e.Message})");
        }
        using (reader)
        {
            var names = reader.Header.ColNames;
            if (reader.Header.IsEmpty || names.All(string.IsNullOrWhiteSpace))
            {
                throw new ModelInputException(reader.Header.IsEmpty ? $"data: {source} is empty; expected a header row" : $"data: {source} line 1: the header row is empty");
            }
            for (var j = 0; j < names.Count; j++)
            {
                if (string.IsNullOrWhiteSpace(names[j]))
                {
                    throw new ModelInputException($"data: {source} line 1: column {j + 1} has no name");
                }
            }
            var trimmed = names.Select(n => n.Trim()).ToArray();
            CheckHeader(trimmed, source, options);
            var buffers = Buffers(trimmed, source, options, 0);
            ParseRows(reader, buffers, source);
            var kept = buffers.Where(b => b is not null).Select(b => b!).ToArray();
            strayCells = kept.Where(b => b.StrayCells > 0).ToDictionary(b => b.Name, b => b.StrayCells, StringComparer.Ordinal);
            return new DataFrame(kept.Select(b => b.ToColumn()));
        }
    }

    internal static void CheckHeader(string[] trimmed, string source, CsvReadOptions options)
    {
        var duplicate = trimmed.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModelInputException($"data: {source} line 1: column '{duplicate.Key}' appears twice");
        }
        var wanted = options.Columns?.Where(c => !trimmed.Contains(c, StringComparer.Ordinal)).ToArray() ?? [];
        if (wanted.Length > 0)
        {
            throw new ModelInputException($"data: unknown column '{wanted[0]}'; {source} has {string.Join(", ", trimmed)}");
        }
    }

    internal static ColumnBuffer?[] Buffers(string[] names, string source, CsvReadOptions options, int capacity)
    {
        var buffers = new ColumnBuffer?[names.Length];
        for (var j = 0; j < names.Length; j++)
        {
            if (options.Keeps(names[j]))
            {
                buffers[j] = new ColumnBuffer(names[j], options.IsText(names[j]), source, options.StrayText, capacity: capacity);
            }
        }
        return buffers;
    }

    /// <summary>Parses every data row of <paramref name="reader"/> into <paramref name="buffers"/> (one per header column, null = skipped).</summary>
    internal static void ParseRows(SepReader reader, ColumnBuffer?[] buffers, string source)
    {
        {
            var lastLine = 1;
            var lastRowOpenQuote = false;
            foreach (var row in reader)
            {
                lastLine = row.LineNumberFrom;
                if (row.Span.Length == 0)
                {
                    continue;
                }
                var count = row.ColCount;
                if (count != buffers.Length)
                {
                    lastRowOpenQuote = OddQuotes(row.Span);
                    if (!lastRowOpenQuote)
                    {
                        throw new ModelInputException($"data: {source} line {row.LineNumberFrom}: {count} fields, expected {buffers.Length} as in the header");
                    }
                    break;
                }
                // Before the cells are read: unescaping works in place and removes the quotes.
                lastRowOpenQuote = OpenQuote(row.Span);
                for (var j = 0; j < buffers.Length; j++)
                {
                    var buffer = buffers[j];
                    if (buffer is null)
                    {
                        continue;
                    }
                    var col = row[j];
                    var span = col.Span;
                    if (ColumnBuffer.IsMissing(span))
                    {
                        buffer.AddMissing();
                    }
                    else
                    {
                        buffer.Add(span, buffer.WantsNumber ? col.TryParse<double>() : null, row.LineNumberFrom);
                    }
                }
            }
            if (lastRowOpenQuote)
            {
                throw new ModelInputException($"data: {source} line {lastLine}: a quoted field is not closed");
            }
        }
    }

    // An unclosed quote swallows the rest of the input into the last row, which then holds an odd number of quotes.
    // Most rows hold no quote at all, so the vectorised Contains keeps this check off the profile.
    private static bool OpenQuote(ReadOnlySpan<char> raw) => raw.Length > 0 && raw[^1] != '"' && raw.Contains('"') && OddQuotes(raw);

    private static bool OddQuotes(ReadOnlySpan<char> raw) => (raw.Count('"') & 1) == 1;
}
