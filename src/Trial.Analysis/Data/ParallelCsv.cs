using System.Text;
using nietras.SeparatedValues;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>
/// Reads a large CSV file on all cores: the data rows are cut at line ends into one slice per core, each slice is parsed
/// by its own Sep reader into its own typed buffers, and the buffers are joined in order. A cut inside a quoted field
/// shows as an unclosed quote at the end of the slice before it; that, any error, or slices that disagree about a
/// column's type make <see cref="TryRead"/> return false, and the caller reads the file again in one sequential pass
/// (which also names the exact line of an error).
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
        try
        {
            Parallel.For(0, cuts.Length - 1, new ParallelOptions { MaxDegreeOfParallelism = slices }, s =>
            {
                var capacity = (int)Math.Min(int.MaxValue / 2, (cuts[s + 1] - cuts[s]) / bytesPerRow * 1.05 + 1024);
                var buffers = CsvReader.Buffers(header, path, options, capacity);
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
