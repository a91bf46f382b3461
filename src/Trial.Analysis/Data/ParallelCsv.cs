using System.Text;
using nietras.SeparatedValues;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>
/// Reads a large CSV file on all cores: the data rows are cut at line ends into one slice per core, each slice is parsed
/// by its own Sep reader into its own typed buffers, and the buffers are joined in order. A cut inside a quoted field
/// shows as an unclosed quote at the end of the slice before it; that, any error, or slices that disagree about a
/// column's type make <see cref="TryRead"/> return false, and the caller reads the file again in one sequential pass
/// (which also names the exact line of an error). The line ends of each slice are counted first, and every column gets
/// one array that the slices fill window by window, so that joining them needs no second copy of the data (the copy
/// was a serial pass over 120 MB of fresh memory for the 3M-row file of bench case F). A slice whose rows are not its
/// line count (blank lines, line breaks inside quotes) simply leaves its window, and the join copies as before.
/// </summary>
internal static class ParallelCsv
{
    private const long MinimumBytes = 8L << 20;

    public static bool TryRead(string path, CsvReadOptions options, out DataFrame frame, out IReadOnlyDictionary<string, int> strayCells) =>
        TryRead(path, options, MinimumBytes, Math.Min(Environment.ProcessorCount, 8), out frame, out strayCells);

    /// <summary>As above with the size threshold and slice count given (tests cut small files into several slices).</summary>
    internal static bool TryRead(string path, CsvReadOptions options, long minimumBytes, int slices, out DataFrame frame, out IReadOnlyDictionary<string, int> strayCells)
    {
        frame = null!;
        strayCells = null!;
        var size = new FileInfo(path).Length;
        if (size < minimumBytes || slices < 2)
        {
            return false;
        }
        var bytes = new byte[1 << 16];
        int read;
        using (var file = File.OpenRead(path))
        {
            read = file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        }
        var headerEnd = bytes.AsSpan(0, read).IndexOf((byte)'\n');
        if (headerEnd < 0 || bytes.AsSpan(0, headerEnd).Contains((byte)'"'))
        {
            return false;
        }
        var header = Encoding.UTF8.GetString(bytes, 0, headerEnd).TrimStart('\uFEFF').TrimEnd('\r').Split(',').Select(n => n.Trim()).ToArray();
        if (header.Any(string.IsNullOrWhiteSpace))
        {
            return false;
        }
        try
        {
            CsvReader.CheckHeader(header, path, options);
        }
        catch (ModelInputException)
        {
            return false;
        }
        // Rows per slice, estimated from the first block, so the buffers are allocated once at about the right size.
        var sampleRows = bytes.AsSpan(headerEnd + 1, read - headerEnd - 1).Count((byte)'\n');
        var bytesPerRow = sampleRows > 0 ? (read - headerEnd - 1) / (double)sampleRows : 64;
        var cuts = Cuts(path, headerEnd + 1, size, slices);
        var parts = new ColumnBuffer?[cuts.Length - 1][];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = slices };
        var lines = new long[cuts.Length - 1];
        Parallel.For(0, lines.Length, parallel, s => lines[s] = LineEnds(path, cuts[s], cuts[s + 1], last: s == lines.Length - 1));
        var firstRow = new int[lines.Length];
        var rows = 0L;
        for (var s = 0; s < lines.Length; s++)
        {
            firstRow[s] = (int)Math.Min(rows, int.MaxValue);
            rows += lines[s];
        }
        var shared = rows <= Array.MaxLength ? header.Select(name => !options.Keeps(name) ? null
            : options.IsText(name) ? (Array)LargeArrays.Uninitialized<int>((int)rows) : LargeArrays.Uninitialized<double>((int)rows)).ToArray() : null;
        try
        {
            Parallel.For(0, cuts.Length - 1, parallel, s =>
            {
                var capacity = (int)Math.Min(int.MaxValue / 2, (cuts[s + 1] - cuts[s]) / bytesPerRow * 1.05 + 1024);
                var buffers = CsvReader.Buffers(header, path, options, capacity);
                for (var j = 0; j < buffers.Length && shared is not null; j++)
                {
                    switch (shared[j])
                    {
                        case int[] codes: buffers[j]!.WriteInto(codes, firstRow[s], (int)lines[s]); break;
                        case double[] numbers: buffers[j]!.WriteInto(numbers, firstRow[s], (int)lines[s]); break;
                    }
                }
                using var stream = new FileSegmentStream(path, cuts[s], cuts[s + 1] - cuts[s]);
                using var reader = Sep.Reader(o => o with { Sep = new Sep(','), Unescape = true, DisableColCountCheck = true, HasHeader = false }).From(stream);
                CsvReader.ParseRows(reader, buffers, path);
                parts[s] = buffers;
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.All(x => x is ModelInputException))
        {
            return false;
        }
        var columns = new List<DataColumn>();
        var strays = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < header.Length; j++)
        {
            if (parts[0][j] is null)
            {
                continue;
            }
            var pieces = parts.Select(p => p[j]!).ToArray();
            var column = ColumnBuffer.Join(pieces);
            if (column is null)
            {
                return false;
            }
            var stray = pieces.Sum(p => p.StrayCells);
            if (stray > 0)
            {
                strays[column.Name] = stray;
            }
            columns.Add(column);
        }
        frame = new DataFrame(columns);
        strayCells = strays;
        return true;
    }

    /// <summary>
    /// Line ends in bytes [from, to) of the file, plus one for a last line without one: the rows of a slice unless it
    /// holds blank lines or quoted line breaks.
    /// </summary>
    private static long LineEnds(string path, long from, long to, bool last)
    {
        using var handle = File.OpenHandle(path);
        var buffer = new byte[1 << 20];
        long count = 0;
        var lastByte = (byte)'\n';
        for (var at = from; at < to;)
        {
            var n = RandomAccess.Read(handle, buffer.AsSpan(0, (int)Math.Min(buffer.Length, to - at)), at);
            if (n <= 0)
            {
                break;
            }
            count += buffer.AsSpan(0, n).Count((byte)'\n');
            lastByte = buffer[n - 1];
            at += n;
        }
        return last && lastByte != (byte)'\n' ? count + 1 : count;
    }

    /// <summary>Byte offsets that start each slice: the first byte after a line end near each even share of the data.</summary>
    private static long[] Cuts(string path, long dataStart, long size, int slices)
    {
        var cuts = new List<long> { dataStart };
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        for (var s = 1; s < slices; s++)
        {
            var target = dataStart + (size - dataStart) * s / slices;
            if (target <= cuts[^1])
            {
                continue;
            }
            file.Position = target;
            var n = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var newline = buffer.AsSpan(0, n).IndexOf((byte)'\n');
            if (newline < 0 || target + newline + 1 >= size)
            {
                break;
            }
            cuts.Add(target + newline + 1);
        }
        cuts.Add(size);
        return [.. cuts];
    }
}
