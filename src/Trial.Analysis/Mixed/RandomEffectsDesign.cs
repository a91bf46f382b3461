using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Numerics;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Mixed;

/// <summary>
/// Builds the numeric random-effects terms of a formula over a design's rows. Terms on the same grouping factor
/// (e.g. <c>(1|g) + (0 + t|g)</c> or <c>(1 + t||g)</c>) share one block with a block-diagonal relative factor,
/// which gives lme4's model; blocks are ordered by decreasing number of levels, as lme4 orders its terms.
/// </summary>
internal static class RandomEffectsDesign
{
    public sealed record Block(string Grouping, RandomEffectsTerm Term, IReadOnlyList<RandomEffectsGroup> Groups);

    public static IReadOnlyList<Block> Build(Formula formula, DataFrame data, int[] rows)
    {
        var byGrouping = new Dictionary<string, (int[] Codes, int Levels, List<(RandomEffectsGroup Group, double[][] Values)> Parts)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var term in formula.RandomEffects.SelectMany(t => t.Expand()))
        {
            var label = string.Join(":", term.Grouping);
            if (!byGrouping.TryGetValue(label, out var entry))
            {
                var (codes, levels) = Grouping(term, data, rows);
                entry = (codes, levels, []);
                byGrouping[label] = entry;
                order.Add(label);
            }
            var names = new List<string>();
            var values = new List<double[]>();
            if (term.HasIntercept)
            {
                names.Add("(Intercept)");
                values.Add(Enumerable.Repeat(1.0, rows.Length).ToArray());
            }
            foreach (var slope in term.Slopes)
            {
                if (data[slope] is not NumericColumn numeric)
                {
                    throw new ModelInputException($"formula: the random slope '{slope}' in {term} must be a numeric column; factor slopes are not supported");
                }
                names.Add(slope);
                values.Add(DesignBuilder.Gather(numeric.Values, rows, allRows: false));
            }
            if (names.Count == 0)
            {
                throw new ModelInputException($"formula: the random-effects term {term} has no columns (no intercept and no slopes)");
            }
            entry.Parts.Add((new RandomEffectsGroup(label, entry.Levels, names, term.Correlated || names.Count == 1), [.. values]));
        }
        CheckLevels(byGrouping.Select(g => (g.Key, g.Value.Levels)).ToArray(), rows.Length);
        return [.. order.Select(label => ToBlock(label, byGrouping[label], rows.Length)).OrderByDescending(b => b.Term.LevelCount)];
    }

    /// <summary>
    /// lme4's checkNlevels (lmerControl defaults check.nlev.gtr.1 and check.nobs.vs.nlev = "stop"): a grouping factor
    /// needs more than one level and fewer levels than observations, else its variance and the residual variance are
    /// not identifiable. lme4's messages, so a search finds its documentation.
    /// </summary>
    private static void CheckLevels(IReadOnlyList<(string Label, int Levels)> groupings, int n)
    {
        var single = groupings.Where(g => g.Levels < 2).Select(g => g.Label).ToArray();
        if (single.Length > 0)
        {
            throw new ModelInputException($"formula: grouping factors must have > 1 sampled level (problems: {string.Join(", ", single)})");
        }
        var saturated = groupings.Where(g => g.Levels >= n).Select(g => g.Label).ToArray();
        if (saturated.Length > 0)
        {
            throw new ModelInputException(
                $"formula: number of levels of each grouping factor must be < number of observations (problems: {string.Join(", ", saturated)}); with one row per level its variance cannot be told from the residual variance");
        }
    }

    private static (int[] Codes, int Levels) Grouping(RandomEffectTerm term, DataFrame data, int[] rows)
    {
        var first = FactorCoder.Code(data[term.Grouping[0]], rows);
        var codes = first.Codes;
        var count = first.LevelCount;
        foreach (var next in term.Grouping.Skip(1))
        {
            (codes, count) = GroupCodes.Intersect(codes, FactorCoder.Code(data[next], rows).Codes);
        }
        return (codes, count);
    }

    private static Block ToBlock(string label, (int[] Codes, int Levels, List<(RandomEffectsGroup Group, double[][] Values)> Parts) entry, int n)
    {
        var width = entry.Parts.Sum(p => p.Values.Length);
        var z = new double[n * width];
        var free = new List<(int, int)>();
        var offset = 0;
        foreach (var (group, values) in entry.Parts)
        {
            for (var c = 0; c < values.Length; c++)
            {
                for (var r = 0; r < n; r++) { z[r * width + offset + c] = values[c][r]; }
                for (var rr = c; rr < values.Length; rr++)
                {
                    if (rr == c || group.Correlated) { free.Add((offset + rr, offset + c)); }
                }
            }
            offset += values.Length;
        }
        return new Block(label, new RandomEffectsTerm(entry.Codes, entry.Levels, z, width, free), [.. entry.Parts.Select(p => p.Group)]);
    }
}
