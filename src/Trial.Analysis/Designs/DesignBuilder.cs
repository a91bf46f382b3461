using System.Runtime.CompilerServices;
using Trial.Analysis.Data;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Designs;

/// <summary>
/// ModelSpec + DataFrame → Design: applies the sample filter, drops rows with missing model values (counted), drops
/// fixed-effect singletons (policy), codes factors with treatment contrasts like R's model.matrix and expands interactions.
/// </summary>
internal static class DesignBuilder
{
    public static Design Build(ModelSpec spec, DataFrame data)
    {
        if (data.RowCount == 0)
        {
            throw new ModelInputException("data: the data set has no rows");
        }
        foreach (var column in spec.Columns)
        {
            _ = data[column];
        }
        var formula = spec.Formula;
        var outcome = data.Numeric(formula.Outcome.Column);
        var weights = spec.Weights is null ? null : data.Numeric(spec.Weights);
        var modelColumns = formula.Columns.Concat(spec.Clusters).Concat(spec.Weights is null ? [] : [spec.Weights])
            .Distinct(StringComparer.Ordinal).Select(c => data[c]).ToArray();
        var conditions = spec.Filter.Select(c => SampleFilterEvaluator.Compile(c, data[c.Column])).ToArray();

        var status = RowStatus(data.RowCount, conditions, modelColumns);
        // Every row usable (the common case for a large in-memory panel): no list of 10⁷ row numbers to grow.
        var everyRow = weights is null && status.AsSpan().IndexOfAnyExcept((byte)0) < 0;
        var rows = new List<int>(everyRow ? 0 : data.RowCount);
        int filtered = 0, missing = 0, zeroWeight = 0;
        for (var i = 0; i < data.RowCount && !everyRow; i++)
        {
            if (status[i] == Filtered)
            {
                filtered++;
            }
            else if (status[i] == Missing)
            {
                missing++;
            }
            else if (weights is not null && weights.Values[i] <= 0)
            {
                if (weights.Values[i] < 0)
                {
                    throw new ModelInputException($"weights: column '{spec.Weights}' has a negative weight in row {i + 1}; weights must be ≥ 0");
                }
                zeroWeight++;
            }
            else
            {
                rows.Add(i);
            }
        }
        var used = everyRow || rows.Count == data.RowCount ? AllRows(data.RowCount) : rows.ToArray();
        FactorIndex Coded(string fe) => FactorCoder.Code(data[fe], used);
        // Several absorbed factors are coded side by side only when the rows make it worth a thread (PLINQ costs even
        // with no factor at all, and the analysis plan builds hundreds of small designs).
        var fixedEffects = used.Length < RowParallelism.ParallelRows
            ? formula.AbsorbedFixedEffects.Select(Coded).ToArray()
            : formula.AbsorbedFixedEffects.AsParallel().AsOrdered().Select(Coded).ToArray();
        var singletons = 0;
        if (fixedEffects.Length > 0 && spec.Singletons == SingletonPolicy.Drop)
        {
            var keep = Numerics.Singletons.KeepMask(fixedEffects.Select(f => f.Codes).ToArray(), fixedEffects.Select(f => f.LevelCount).ToArray(), used.Length);
            singletons = keep.AsSpan().Count(false);
            if (singletons > 0)
            {
                used = used.Where((_, i) => keep[i]).ToArray();
                fixedEffects = fixedEffects.Select(f => FactorCoder.Subset(f, keep)).ToArray();
            }
        }
        var accounting = new RowAccounting(data.RowCount, filtered, missing, zeroWeight, singletons);
        if (used.Length == 0)
        {
            throw new ModelInputException($"data: no rows left to fit ({accounting})");
        }

        var allRows = used.Length == data.RowCount;
        var y = Gather(outcome.Values, used, allRows);
        var w = weights is null ? null : Gather(weights.Values, used, allRows);
        // A cluster column that is also an absorbed FE is coded once (same rows, same codes).
        var clusters = spec.Clusters.Select(c => fixedEffects.FirstOrDefault(f => string.Equals(f.Name, c, StringComparison.Ordinal))
            ?? FactorCoder.Code(data[c], used)).ToArray();
        var hasIntercept = formula.HasIntercept && fixedEffects.Length == 0;
        var names = new List<string>();
        var columns = new List<double[]>();
        if (hasIntercept)
        {
            names.Add("(Intercept)");
            var one = new double[used.Length];
            Array.Fill(one, 1.0);
            columns.Add(one);
        }
        var expander = new TermExpander(spec, data, used, allRows, formula.HasIntercept || fixedEffects.Length > 0);
        foreach (var term in formula.Terms)
        {
            foreach (var (name, values) in expander.Expand(term))
            {
                names.Add(name);
                columns.Add(values);
            }
        }
        return new Design(spec, formula.Outcome.Column, names, columns.ToArray(), y, w, hasIntercept, fixedEffects, clusters, used, accounting, []);
    }

    private const byte Filtered = 1;
    private const byte Missing = 2;

    /// <summary>Per row: 0 = usable, Filtered, or Missing (a model column is empty). Column-wise, no per-row allocation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] RowStatus(int n, Func<int, bool>[] conditions, DataColumn[] modelColumns)
    {
        var status = new byte[n];
        foreach (var condition in conditions)
        {
            for (var i = 0; i < n; i++)
            {
                if (status[i] == 0 && !condition(i))
                {
                    status[i] = Filtered;
                }
            }
        }
        foreach (var column in modelColumns)
        {
            if (column is NumericColumn numeric)
            {
                var values = numeric.Values;
                if (!HasNaN(values))
                {
                    continue;
                }
                for (var i = 0; i < n; i++)
                {
                    if (status[i] == 0 && double.IsNaN(values[i]))
                    {
                        status[i] = Missing;
                    }
                }
            }
            else
            {
                for (var i = 0; i < n; i++)
                {
                    if (status[i] == 0 && column.IsMissing(i))
                    {
                        status[i] = Missing;
                    }
                }
            }
        }
        return status;
    }

    /// <summary>Whether any value is NaN (missing), by SIMD: a NaN is the only value not equal to itself.</summary>
    private static bool HasNaN(double[] values)
    {
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<double, System.Numerics.Vector<double>>(values);
        foreach (var v in vectors)
        {
            if (!System.Numerics.Vector.EqualsAll(v, v))
            {
                return true;
            }
        }
        for (var i = vectors.Length * System.Numerics.Vector<double>.Count; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                return true;
            }
        }
        return false;
    }

    private static int[] AllRows(int n)
    {
        var all = LargeArrays.Uninitialized<int>(n);
        for (var i = 0; i < n; i++)
        {
            all[i] = i;
        }
        return all;
    }

    internal static double[] Gather(double[] source, int[] rows, bool allRows)
    {
        if (allRows)
        {
            return source;
        }
        var result = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            result[i] = source[rows[i]];
        }
        return result;
    }
}
