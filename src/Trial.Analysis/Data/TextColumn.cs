using System.Globalization;
using Trial.Analysis.Numerics;

namespace Trial.Analysis.Data;

/// <summary>
/// A text column (becomes a factor in a model); missing cells are null. Read from a file it is held as codes into its
/// distinct levels (code −1 = missing), each level a string once. A grouping column read from a file whose levels all
/// look like numbers also offers those numbers (<see cref="NumericValues"/>), so the same column can be a numeric
/// regressor while it is grouped by its exact text.
/// </summary>
public sealed class TextColumn : DataColumn
{
    private string?[]? _values;
    private int[]? _codes;
    private string[]? _levels;
    private readonly double[]? _levelNumbers;
    private double[]? _numbers;

    public TextColumn(string name, string?[] values) : base(name)
    {
        _values = values;
    }

    internal TextColumn(string name, int[] codes, string[] levels, bool offerNumbers) : base(name)
    {
        _codes = codes;
        _levels = levels;
        if (offerNumbers)
        {
            var numbers = new double[levels.Length];
            var all = true;
            for (var l = 0; l < levels.Length && all; l++)
            {
                all = double.TryParse(levels[l], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[l]) && double.IsFinite(numbers[l]);
            }
            _levelNumbers = all && levels.Length > 0 ? numbers : null;
        }
    }

    /// <summary>The cells (materialised on first use when the column is held as codes).</summary>
    public string?[] Values => _values ??= Materialise();

    public override int Count => _codes?.Length ?? _values!.Length;

    public override bool IsMissing(int row) => _codes is not null ? _codes[row] < 0 : _values![row] is null;

    public override string Format(int row) => _codes is not null ? (_codes[row] < 0 ? "" : _levels![_codes[row]]) : _values![row] ?? "";

    /// <summary>True when every level of this file-read grouping column is a number, in which case levels sort numerically (ties by text), as R's factor() of the numeric column would.</summary>
    internal bool LevelsAreNumbers => _levelNumbers is not null;

    /// <summary>The cells as numbers when <see cref="LevelsAreNumbers"/>, NaN for missing; null otherwise.</summary>
    internal double[]? NumericValues
    {
        get
        {
            if (_levelNumbers is null)
            {
                return null;
            }
            if (_numbers is null)
            {
                var codes = _codes!;
                var numbers = LargeArrays.Uninitialized(codes.Length);
                for (var i = 0; i < codes.Length; i++)
                {
                    numbers[i] = codes[i] < 0 ? double.NaN : _levelNumbers[codes[i]];
                }
                _numbers = numbers;
            }
            return _numbers;
        }
    }

    internal double LevelNumber(int level) => _levelNumbers![level];

    /// <summary>Codes (−1 = missing) and levels in order of first appearance; computed once for a column built from strings.</summary>
    internal (int[] Codes, string[] Levels) Interned()
    {
        if (_codes is null)
        {
            var interner = new LevelInterner();
            var values = _values!;
            var codes = new int[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                codes[i] = values[i] is { } v ? interner.Code(v) : -1;
            }
            _codes = codes;
            _levels = [.. interner.Levels];
        }
        return (_codes, _levels!);
    }

    private string?[] Materialise()
    {
        var codes = _codes!;
        var levels = _levels!;
        var values = new string?[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            values[i] = codes[i] < 0 ? null : levels[codes[i]];
        }
        return values;
    }
}
