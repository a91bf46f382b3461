using Trial.Analysis.Data;

namespace Trial.Analysis.Run;

/// <summary>
/// Table 17's main model, constrained longitudinal data analysis (cLDA; Liang &amp; Zeger 2000, seed 001 §5): one
/// baseline mean for both arms, as randomisation implies, and an IPS − control difference at each follow-up only:
/// <c>y ~ time + ips6 + ips12 + (1 | participant)</c>, with <c>ips6 = 1</c> for IPS participants' 6-month scores.
/// A chance baseline gap is then not carried into the follow-up differences, as it is in the unconstrained
/// <c>y ~ time * arm</c> model (kept as a sensitivity analysis). Golden values: reference/mixed/clda.R.
/// </summary>
public static class ConstrainedBaselineModel
{
    /// <summary>The difference term of a follow-up time ("6" → "ips6").</summary>
    public static string Term(string time) => $"ips{time}";

    public static string Formula(IReadOnlyList<string> followUpTimes) =>
        "y ~ time + " + string.Join(" + ", followUpTimes.Select(Term)) + " + (1 | participant)";

    /// <summary>The long frame: y, participant, time (text, baseline "0"), arm (IPS/Control) and one indicator per follow-up.</summary>
    public static DataFrame Frame(IReadOnlyList<double> y, IReadOnlyList<string> participant, IReadOnlyList<string> time, IReadOnlyList<bool> ips,
        IReadOnlyList<string> followUpTimes)
    {
        var columns = new List<DataColumn>
        {
            new NumericColumn("y", [.. y]),
            new TextColumn("participant", [.. participant]),
            new TextColumn("time", [.. time]),
            new TextColumn("arm", [.. ips.Select(i => i ? "IPS" : "Control")]),
        };
        columns.AddRange(followUpTimes.Select(t => new NumericColumn(Term(t), [.. time.Select((tt, i) => ips[i] && tt == t ? 1.0 : 0.0)])));
        return new DataFrame(columns);
    }
}
