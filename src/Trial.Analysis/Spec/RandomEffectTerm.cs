namespace Trial.Analysis.Spec;

/// <summary>
/// An lme4 random-effects term such as <c>(1|g)</c>, <c>(1 + t|g)</c>, <c>(0 + t|g)</c>, <c>(1|g1/g2)</c> or
/// <c>(1 + t||g)</c> (uncorrelated). Parsed here, fitted by the mixed-model engine.
/// </summary>
public sealed record RandomEffectTerm(bool HasIntercept, IReadOnlyList<string> Slopes, IReadOnlyList<string> Grouping,
    GroupingOperator Operator, bool Correlated)
{
    /// <summary>
    /// lme4's expansion of nesting: <c>(1|g1/g2)</c> is <c>(1|g1) + (1|g1:g2)</c>. The result has only
    /// <see cref="GroupingOperator.Single"/> and <see cref="GroupingOperator.Interaction"/> terms.
    /// </summary>
    public IReadOnlyList<RandomEffectTerm> Expand()
    {
        if (Operator != GroupingOperator.Nested)
        {
            return [this];
        }
        var result = new List<RandomEffectTerm>();
        for (var depth = 1; depth <= Grouping.Count; depth++)
        {
            var factors = Grouping.Take(depth).ToArray();
            result.Add(this with { Grouping = factors, Operator = depth == 1 ? GroupingOperator.Single : GroupingOperator.Interaction });
        }
        return result;
    }

    /// <summary>The grouping label as lme4 prints it, e.g. <c>g1:g2</c>.</summary>
    public string GroupingLabel => string.Join(Operator == GroupingOperator.Nested ? "/" : ":", Grouping);

    public override string ToString()
    {
        var parts = new List<string> { HasIntercept ? "1" : "0" };
        parts.AddRange(Slopes);
        return $"({string.Join(" + ", parts)}{(Correlated ? "|" : "||")}{GroupingLabel})";
    }
}
