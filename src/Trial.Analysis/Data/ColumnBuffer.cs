using System.Globalization;
using System.Runtime.CompilerServices;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Data;

/// <summary>
/// Collects one column's cells straight into a typed buffer while a file is read: numbers into doubles, text into
/// codes of an interner. An inferred column becomes numeric when its first non-missing cell is a number; later text
/// cells in it are strays (refused or made missing, per <see cref="StrayTextPolicy"/>).
/// A buffer can be given a window of a column array shared by the slices of a file read on several cores
/// (<see cref="WriteInto(double[], int, int)"/>): when every slice fills its window exactly, <see cref="Join"/> returns the
/// shared array itself instead of copying the slices into a new one.
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

    /// <summary>Where this buffer's cells start in <see cref="_numbers"/> or <see cref="_codes"/>, and where its room ends.</summary>
    private int _start;
    private int _end;

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

    /// <summary>Numbers are written into <paramref name="shared"/>[start, start + length) until they outgrow it.</summary>
    public void WriteInto(double[] shared, int start, int length) => (_numbers, _start, _end) = (shared, start, start + length);

    /// <summary>Codes (of a text column) are written into <paramref name="shared"/>[start, start + length) until they outgrow it.</summary>
    public void WriteInto(int[] shared, int start, int length) => (_codes, _start, _end) = (shared, start, start + length);

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
            if (_start != 0 || _numbers.Length != _count)
            {
                _numbers = Own(_numbers, _count);
            }
            return new NumericColumn(Name, _numbers);
        }
        if (_start != 0 || _codes.Length != _count)
        {
            _codes = Own(_codes, _count);
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
            // In place when the slices filled one shared array window by window, else into a new array.
            var numbers = Shared(parts, p => p._numbers, total) ?? LargeArrays.Uninitialized<double>(total);
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
                    if (!ReferenceEquals(part._numbers, numbers))
                    {
                        part._numbers.AsSpan(part._start, part._count).CopyTo(numbers.AsSpan(at));
                    }
                    at += part._count;
                }
                part._numbers = [];
            }
            return new NumericColumn(first.Name, numbers);
        }
        var interner = new LevelInterner();
        var codes = Shared(parts, p => p._codes, total) ?? LargeArrays.Uninitialized<int>(total);
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
            var own = part._codes.AsSpan(part._start, part._count);
            for (var i = 0; i < own.Length; i++)
            {
                var c = own[i];
                codes[next++] = c < 0 ? -1 : map[c];
            }
            part._codes = [];
        }
        return new TextColumn(first.Name, codes, [.. interner.Levels], offerNumbers: first._grouping);
    }

    /// <summary>
    /// The array the parts share when each part's cells start where the previous part's end and together they fill it
    /// exactly (then joining is at most a pass in place over the same memory); otherwise null. A part still undecided
    /// has written nothing, but its window is where its missing cells go.
    /// </summary>
    private static T[]? Shared<T>(IReadOnlyList<ColumnBuffer> parts, Func<ColumnBuffer, T[]> array, int total)
    {
        var shared = array(parts[0]);
        var at = 0;
        foreach (var part in parts)
        {
            var cells = part._count + part._leadingMissing;
            if (!ReferenceEquals(array(part), shared) || part._start != at || part._end - part._start != cells)
            {
                return null;
            }
            at += cells;
        }
        return at == total && shared.Length == total ? shared : null;
    }

    private void Decide(bool numeric)
    {
        _kind = numeric ? Kind.Numeric : Kind.Text;
        if (!numeric && _numbers.Length > 0)
        {
            // The window was for numbers; codes go to an array of their own.
            (_numbers, _start, _end) = ([], 0, 0);
        }
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
        if (_start + _count == _end)
        {
            _numbers = Own(_numbers, Math.Max(Math.Max(1024, _capacity), 2 * _count));
        }
        _numbers[_start + _count++] = value;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddCode(int code)
    {
        if (_start + _count == _end)
        {
            _codes = Own(_codes, Math.Max(Math.Max(1024, _capacity), 2 * _count));
        }
        _codes[_start + _count++] = code;
    }

    /// <summary>
    /// This buffer's cells moved to an array of its own of <paramref name="length"/> (growing, or leaving a shared
    /// window it outgrew); the window of the other kind is given up too, as only one kind is ever written.
    /// </summary>
    private T[] Own<T>(T[] array, int length) where T : unmanaged
    {
        var own = LargeArrays.Uninitialized<T>(length);
        array.AsSpan(_start, _count).CopyTo(own);
        _start = 0;
        _end = length;
        return own;
    }
}
