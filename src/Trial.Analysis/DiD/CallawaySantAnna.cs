using Trial.Analysis.Data;
using Trial.Analysis.Designs;
using Trial.Analysis.Spec;

namespace Trial.Analysis.DiD;

/// <summary>
/// Callaway–Sant'Anna group-time ATT for a balanced panel without covariates, as R did::att_gt(panel = TRUE,
/// base_period = "varying", anticipation = 0): ATT(g,t) = [Ȳ_g,t − Ȳ_g,b] − [Ȳ_C,t − Ȳ_C,b] with b = g−1 for post
/// periods and b = t−1 before; influence function ψ_i = D_i(ΔY_i − μ₁)/p − (1−D_i)(ΔY_i − μ₀)/(1−p) scaled by n/n₁.
/// Units first treated at or before the first period are dropped; cohorts treated after the last period count as never treated.
/// </summary>
public static class CallawaySantAnna
{
    /// <param name="group">First treated period per unit; 0 or missing = never treated.</param>
    public static CallawaySantAnnaResult Estimate(DataFrame data, string outcome, string unit, string period, string group, ControlGroup control)
    {
        var y = data.Numeric(outcome).Values;
        var t = data.Numeric(period).Values;
        var g = data.Numeric(group).Values;
        var allRows = Enumerable.Range(0, data.RowCount).ToArray();
        if (allRows.Any(i => double.IsNaN(y[i]) || double.IsNaN(t[i])))
        {
            throw new ModelInputException($"did: '{outcome}' and '{period}' must not be missing in a balanced panel");
        }
        var units = FactorCoder.Code(data[unit], allRows);
        var periods = t.Distinct().Order().ToArray();
        var periodIndex = periods.Select((p, i) => (p, i)).ToDictionary(p => p.p, p => p.i);
        var n = units.LevelCount;
        var tCount = periods.Length;
        var outcomes = new double[n, tCount];
        var seen = new bool[n, tCount];
        var unitGroup = new double[n];
        Array.Fill(unitGroup, double.NaN);
        for (var i = 0; i < data.RowCount; i++)
        {
            var u = units.Codes[i];
            var p = periodIndex[t[i]];
            if (seen[u, p])
            {
                throw new ModelInputException($"did: unit {units.Levels[u]} has two rows for period {t[i]}");
            }
            seen[u, p] = true;
            outcomes[u, p] = y[i];
            var gi = double.IsNaN(g[i]) || g[i] == 0 || g[i] > periods[^1] ? double.PositiveInfinity : g[i];
            if (!double.IsNaN(unitGroup[u]) && unitGroup[u] != gi)
            {
                throw new ModelInputException($"did: '{group}' changes within unit {units.Levels[u]}; it must be the unit's first treated period");
            }
            unitGroup[u] = gi;
        }
        if (data.RowCount != n * tCount)
        {
            throw new ModelInputException($"did: the panel is unbalanced ({data.RowCount} rows for {n} units × {tCount} periods); only balanced panels are supported");
        }
        var keep = Enumerable.Range(0, n).Where(u => unitGroup[u] > periods[0]).ToArray();
        var dropped = n - keep.Length;
        var groupOf = keep.Select(u => unitGroup[u]).ToArray();
        var m = keep.Length;
        var cohorts = groupOf.Where(double.IsFinite).Distinct().Order().ToArray();
        if (cohorts.Length == 0)
        {
            throw new ModelInputException("did: no unit is treated after the first period");
        }
        var atts = new List<GroupTimeAtt>();
        var influence = new List<double[]>();
        foreach (var cohort in cohorts)
        {
            var gIndex = Array.FindLastIndex(periods, p => p < cohort);
            for (var ti = 1; ti < tCount; ti++)
            {
                var post = periods[ti] >= cohort;
                var bi = post ? gIndex : ti - 1;
                var maxTime = Math.Max(periods[ti], periods[bi]);
                var treated = new List<int>();
                var controls = new List<int>();
                for (var j = 0; j < m; j++)
                {
                    if (groupOf[j] == cohort)
                    {
                        treated.Add(j);
                    }
                    else if (double.IsPositiveInfinity(groupOf[j]) || (control == ControlGroup.NotYetTreated && groupOf[j] > maxTime))
                    {
                        controls.Add(j);
                    }
                }
                if (controls.Count == 0)
                {
                    throw new ModelInputException($"did: no comparison units for group {cohort} at period {periods[ti]} (control = {control})");
                }
                double Delta(int j) => outcomes[keep[j], ti] - outcomes[keep[j], bi];
                var mu1 = treated.Average(Delta);
                var mu0 = controls.Average(Delta);
                var n1 = treated.Count + controls.Count;
                var p = treated.Count / (double)n1;
                var psi = new double[m];
                foreach (var j in treated)
                {
                    psi[j] = (Delta(j) - mu1) / p * m / n1;
                }
                foreach (var j in controls)
                {
                    psi[j] = -(Delta(j) - mu0) / (1 - p) * m / n1;
                }
                var se = Math.Sqrt(psi.Sum(v => v * v)) / m;
                atts.Add(new GroupTimeAtt(cohort, periods[ti], periods[bi], mu1 - mu0, se, treated.Count, controls.Count));
                influence.Add(psi);
            }
        }
        return new CallawaySantAnnaResult(atts, influence.ToArray(), groupOf, control, dropped);
    }
}
