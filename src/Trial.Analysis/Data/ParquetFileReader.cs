using System.Globalization;
using Parquet;
using Parquet.Schema;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>
/// Reads a flat Parquet file (as register extracts often come) into the same typed columns as <see cref="CsvReader"/>.
/// Number columns stay numbers (null is missing); text columns go through the same inference, grouping and stray-text
/// rules as CSV cells; a grouping column stored as integers is grouped by their decimal text.
/// </summary>
public static class ParquetFileReader
{
    public static DataFrame ReadFile(string path, CsvReadOptions options) => ReadFile(path, options, out _);

    public static DataFrame ReadFile(string path, CsvReadOptions options, out IReadOnlyDictionary<string, int> strayCells)
    {
        if (!File.Exists(path))
        {
            throw new ModelInputException($"data: file '{path}' does not exist");
        }
        try
        {
            var (frame, strays) = ReadAsync(path, options).GetAwaiter().GetResult();
            strayCells = strays;
            return frame;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or ParquetException)
        {
            throw new ModelInputException($"data: {path} is not a readable Parquet file ({e.Message})");
        }
    }

    private static async Task<(DataFrame, IReadOnlyDictionary<string, int>)> ReadAsync(string path, CsvReadOptions options)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var fields = reader.Schema.GetDataFields();
        if (reader.Schema.Fields.Count != fields.Length)
        {
            throw new ModelInputException($"data: {path} has nested columns; only flat tables can be read");
        }
        var names = fields.Select(f => f.Name).ToArray();
        var unknown = options.Columns?.FirstOrDefault(c => !names.Contains(c, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new ModelInputException($"data: unknown column '{unknown}'; {path} has {string.Join(", ", names)}");
        }
        var columns = new List<DataColumn>();
        var strays = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in fields.Where(f => options.Keeps(f.Name)))
        {
            var rowGroups = Enumerable.Range(0, reader.RowGroupCount).Select(reader.OpenRowGroupReader).ToArray();
            var total = checked((int)rowGroups.Sum(g => g.RowCount));
            var type = field.ClrType;
            if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>))
            {
                var buffer = new ColumnBuffer(field.Name, options.IsText(field.Name), path, options.StrayText, "row");
                var row = 0L;
                foreach (var group in rowGroups)
                {
                    var cells = new string?[group.RowCount];
                    await group.ReadAsync(field, cells.AsMemory());
                    foreach (var cell in cells)
                    {
                        row++;
                        if (cell is null || ColumnBuffer.IsMissing(cell))
                        {
                            buffer.AddMissing();
                        }
                        else
                        {
                            buffer.Add(cell, null, row);
                        }
                    }
                }
                columns.Add(buffer.ToColumn());
                if (buffer.StrayCells > 0)
                {
                    strays[field.Name] = buffer.StrayCells;
                }
                continue;
            }
            var values = new double[total];
            var offset = 0;
            foreach (var group in rowGroups)
            {
                var count = checked((int)group.RowCount);
                if (type == typeof(double)) { await Copy<double>(group, field, count, values, offset, v => v); }
                else if (type == typeof(float)) { await Copy<float>(group, field, count, values, offset, v => v); }
                else if (type == typeof(long)) { await Copy<long>(group, field, count, values, offset, v => v); }
                else if (type == typeof(int)) { await Copy<int>(group, field, count, values, offset, v => v); }
                else if (type == typeof(short)) { await Copy<short>(group, field, count, values, offset, v => v); }
                else if (type == typeof(byte)) { await Copy<byte>(group, field, count, values, offset, v => v); }
                else if (type == typeof(bool)) { await Copy<bool>(group, field, count, values, offset, v => v ? 1 : 0); }
                else if (type == typeof(decimal)) { await Copy<decimal>(group, field, count, values, offset, v => (double)v); }
                else
                {
                    throw new ModelInputException($"data: {path}: column '{field.Name}' is of Parquet type {type.Name}; numbers, booleans and text can be read");
                }
                offset += count;
            }
            columns.Add(options.IsText(field.Name) ? AsText(field.Name, values) : new NumericColumn(field.Name, values));
        }
        return (new DataFrame(columns), strays);
    }

    private static async Task Copy<T>(ParquetRowGroupReader group, DataField field, int count, double[] values, int offset, Func<T, double> convert)
        where T : struct
    {
        if (field.IsNullable)
        {
            var cells = new T?[count];
            await group.ReadAsync(field, cells.AsMemory());
            for (var i = 0; i < count; i++)
            {
                values[offset + i] = cells[i] is { } v ? convert(v) : double.NaN;
            }
        }
        else
        {
            var cells = new T[count];
            await group.ReadAsync(field, cells.AsMemory());
            for (var i = 0; i < count; i++)
            {
                values[offset + i] = convert(cells[i]);
            }
        }
    }

    /// <summary>A stored number as the group label: its shortest round-trip decimal text (integers as plain digits).</summary>
    private static TextColumn AsText(string name, double[] values)
    {
        var interner = new LevelInterner();
        var codes = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            codes[i] = double.IsNaN(values[i]) ? -1 : interner.Code(values[i].ToString("R", CultureInfo.InvariantCulture));
        }
        return new TextColumn(name, codes, [.. interner.Levels], offerNumbers: true);
    }
}
