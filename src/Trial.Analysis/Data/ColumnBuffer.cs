using System.Globalization;
using System.Runtime.CompilerServices;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>
/// Collects one column's cells straight into a typed buffer while a file is read: numbers into doubles, text into
/// codes of an interner. An inferred column becomes numeric when its first non-missing cell is a number; later text
/// cells in it are strays (refused or made missing, per <see cref="StrayTextPolicy"/>).
/// </summary>
internal sealed class ColumnBuffer(string name, bool text, string source, StrayTextPolicy strays, string unit = "line", int capacity = 0)
{
    private enum Kind : byte { Undecided, Numeric, Text }

    private Kind _kind = text ? Kind.Text : Kind.Undecided;
    private double[] _numbers = [];
    private int[] _codes = [];
    private readonly int _capacity = capacity;
    private readonly bool _grouping = text;
    private LevelInterner? _interner;
    private int _count;
    private int _leadingMissing;

    public string Name { get; } = name;

    /// <summary>Text cells in a numeric column that were made missing (policy <see cref="StrayTextPolicy.Missing"/>).</summary>
    public int StrayCells { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsMissing(ReadOnlySpan<char> cell) => cell.Length == 0 || (cell.Length == 2 && cell[0] == 'N' && cell[1] == 'A');

    public void AddMissing()
    {
        switch (_kind)
        {
            case Kind.Numeric: AddNumber(double.NaN); break;
            case Kind.Text: AddCode(-1); break;
            default: _leadingMissing++; break;
        }
    }

    /// <summary>A non-missing cell; <paramref name="parsed"/> is the number it holds (from the CSV parser's fast path) or null.</summary>
    public void Add(ReadOnlySpan<char> cell, double? parsed, long line)
    {
        if (_kind == Kind.Numeric)
        {
            if (parsed is { } number || TryParseNumber(cell, out number))
            {
                AddNumber(number);
                return;
            }
            Stray(cell, line);
            return;
        }
        if (_kind == Kind.Undecided)
        {
            Decide(parsed is not null || TryParseNumber(cell, out _));
            if (_kind == Kind.Numeric)
            {
                Add(cell, parsed, line);
                return;
            }
        }
        AddCode((_interner ??= new LevelInterner()).Code(cell));
    }

    /// <summary>Whether the parser should try the cell as a number (an inferred column not yet known to be text).</summary>
    public bool WantsNumber => _kind != Kind.Text;

    public DataColumn ToColumn()
    {
        if (_kind == Kind.Undecided)
        {
            Decide(numeric: true);
        }
        if (_kind == Kind.Numeric)
        {
            if (_numbers.Length != _count)
            {
                _numbers = LargeArrays.Resized(_numbers, _count, _count);
            }
            return new NumericColumn(Name, _numbers);
        }
        if (_codes.Length != _count)
        {
            _codes = LargeArrays.Resized(_codes, _count, _count);
        }
        return new TextColumn(Name, _codes, [.. _interner?.Levels ?? []], offerNumbers: _grouping);
    }

    /// <summary>
    /// Joins the buffers of consecutive slices of one column, or returns null when the slices disagree about its type
    /// (a sequential read would then have decided differently, so the caller reads again in one pass).
    /// </summary>
    public static DataColumn? Join(IReadOnlyList<ColumnBuffer> parts)
    {
        var kinds = parts.Select(p => p._kind).Where(k => k != Kind.Undecided).Distinct().ToArray();
        if (kinds.Length > 1)
        {
            return null;
        }
        var first = parts[0];
        var total = parts.Sum(p => p._count + p._leadingMissing);
        if (kinds.Length == 0 || kinds[0] == Kind.Numeric)
        {
            var numbers = LargeArrays.Uninitialized<double>(total);
            var at = 0;
            foreach (var part in parts)
            {
                if (part._kind == Kind.Undecided)
                {
                    numbers.AsSpan(at, part._leadingMissing).Fill(double.NaN);
                    at += part._leadingMissing;
                }
                else
                {
                    part._numbers.AsSpan(0, part._count).CopyTo(numbers.AsSpan(at));
                    at += part._count;
                }
                part._numbers = [];
            }
            return new NumericColumn(first.Name, numbers);
        }
        var interner = new LevelInterner();
        var codes = LargeArrays.Uninitialized<int>(total);
        var next = 0;
        foreach (var part in parts)
        {
            if (part._kind == Kind.Undecided)
            {
                codes.AsSpan(next, part._leadingMissing).Fill(-1);
                next += part._leadingMissing;
                continue;
            }
            var levels = part._interner?.Levels ?? [];
            var map = new int[levels.Count];
            for (var l = 0; l < map.Length; l++)
            {
                map[l] = interner.Code(levels[l]);
            }
            for (var i = 0; i < part._count; i++)
            {
                var c = part._codes[i];
                codes[next++] = c < 0 ? -1 : map[c];
            }
            part._codes = [];
        }
        return new TextColumn(first.Name, codes, [.. interner.Levels], offerNumbers: first._grouping);
    }

    private void Decide(bool numeric)
    {
        _kind = numeric ? Kind.Numeric : Kind.Text;
        var missing = _leadingMissing;
        _leadingMissing = 0;
        for (var i = 0; i < missing; i++)
        {
            AddMissing();
        }
    }

    private void Stray(ReadOnlySpan<char> cell, long line)
    {
        if (strays == StrayTextPolicy.Refuse)
        {
            throw new ModelInputException(
                $"data: {source} {unit} {line}: column '{Name}' holds numbers, but this cell is the text '{Shorten(cell)}'; " +
                "correct the file, or treat such cells as missing (fit --stray-text missing)");
        }
        StrayCells++;
        AddNumber(double.NaN);
    }

    private static string Shorten(ReadOnlySpan<char> cell) => cell.Length <= 40 ? cell.ToString() : string.Concat(cell[..40], "…");

    private static bool TryParseNumber(ReadOnlySpan<char> cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddNumber(double value)
    {
        if (_count == _numbers.Length)
        {
            _numbers = LargeArrays.Resized(_numbers, _count, _numbers.Length == 0 ? Math.Max(1024, _capacity) : _numbers.Length * 2);
        }
        _numbers[_count++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddCode(int code)
    {
        if (_count == _codes.Length)
        {
            _codes = LargeArrays.Resized(_codes, _count, _codes.Length == 0 ? Math.Max(1024, _capacity) : _codes.Length * 2);
        }
        _codes[_count++] = code;
    }
}
