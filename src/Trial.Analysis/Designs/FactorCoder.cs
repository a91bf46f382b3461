using System.Runtime.CompilerServices;
using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.Numerics;

namespace Trial.Analysis.Designs;

/// <summary>Codes a column as a factor over selected rows: levels sorted (numbers numerically, text ordinally), as R's factor().</summary>
internal static class FactorCoder
{
    public static FactorIndex Code(DataColumn column, int[] rows)
    {
        return column switch
        {
            NumericColumn numeric => CodeNumeric(column.Name, numeric.Values, rows),
            TextColumn text => CodeText(text, rows),
            _ => throw new InvalidOperationException("unknown column type"),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FactorIndex CodeNumeric(string name, double[] values, int[] rows)
    {
        var codes = LargeArrays.Uninitialized<int>(rows.Length);
        if (TryIntegerRange(values, rows, out var min, out var max) && max - min <= 4L * rows.Length + 1024)
        {
            var map = new int[max - min + 1];
            foreach (var r in rows)
            {
                map[(long)values[r] - min] = 1;
            }
            var levels = new List<string>();
            for (var v = 0; v < map.Length; v++)
            {
                if (map[v] != 0)
                {
                    map[v] = levels.Count;
                    levels.Add((v + min).ToString(CultureInfo.InvariantCulture));
                }
            }
            for (var i = 0; i < rows.Length; i++)
            {
                codes[i] = map[(long)values[rows[i]] - min];
            }
            return new FactorIndex(name, codes, levels);
        }
        var distinct = rows.Select(r => values[r]).Distinct().Order().ToArray();
        var index = new Dictionary<double, int>(distinct.Length);
        for (var l = 0; l < distinct.Length; l++)
        {
            index[distinct[l]] = l;
        }
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = index[values[rows[i]]];
        }
        return new FactorIndex(name, codes, distinct.Select(d => d.ToString("R", CultureInfo.InvariantCulture)).ToArray());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryIntegerRange(double[] values, int[] rows, out long min, out long max)
    {
        min = long.MaxValue;
        max = long.MinValue;
        foreach (var r in rows)
        {
            var v = values[r];
            if (v != Math.Floor(v) || Math.Abs(v) > 1e15)
            {
                return false;
            }
            var l = (long)v;
            min = Math.Min(min, l);
            max = Math.Max(max, l);
        }
        return rows.Length > 0;
    }

    /// <summary>
    /// Levels are the exact texts. They sort ordinally, except that a file-read grouping column whose levels are all
    /// numbers sorts numerically (ties, such as 1.1 and 1.10, by text), so the reference level is the one R's factor()
    /// of that numeric column would pick.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static FactorIndex CodeText(TextColumn column, int[] rows)
    {
        var (cells, levels) = column.Interned();
        var used = new bool[levels.Length];
        foreach (var r in rows)
        {
            used[cells[r]] = true;
        }
        var present = Enumerable.Range(0, levels.Length).Where(l => used[l]).ToArray();
        Comparison<int> order = column.LevelsAreNumbers
            ? (a, b) => column.LevelNumber(a).CompareTo(column.LevelNumber(b)) is var c && c != 0 ? c : string.CompareOrdinal(levels[a], levels[b])
            : (a, b) => string.CompareOrdinal(levels[a], levels[b]);
        Array.Sort(present, order);
        var map = new int[levels.Length];
        for (var l = 0; l < present.Length; l++)
        {
            map[present[l]] = l;
        }
        var codes = LargeArrays.Uninitialized<int>(rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            codes[i] = map[cells[rows[i]]];
        }
        return new FactorIndex(column.Name, codes, present.Select(l => levels[l]).ToArray());
    }

    /// <summary>Re-codes <paramref name="index"/> keeping only rows where <paramref name="keep"/> is true; unused levels vanish.</summary>
    public static FactorIndex Subset(FactorIndex index, bool[] keep)
    {
        var map = new int[index.LevelCount];
        Array.Fill(map, -1);
        var levels = new List<string>();
        var codes = new int[keep.Count(k => k)];
        var j = 0;
        for (var i = 0; i < keep.Length; i++)
        {
            if (!keep[i])
            {
                continue;
            }
            var c = index.Codes[i];
            if (map[c] < 0)
            {
                map[c] = -2;
            }
            codes[j++] = c;
        }
        for (var l = 0; l < map.Length; l++)
        {
            if (map[l] == -2)
            {
                map[l] = levels.Count;
                levels.Add(index.Levels[l]);
            }
        }
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = map[codes[i]];
        }
        return new FactorIndex(index.Name, codes, levels);
    }
}
