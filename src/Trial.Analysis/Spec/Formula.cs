namespace Trial.Analysis.Spec;

/// <summary>
/// A parsed model formula: <c>y ~ terms | fe1 + fe2</c> (fixest) with optional lme4 random-effects terms.
/// Terms are expanded (<c>a*b</c> → a, b, a:b) and ordered like R: main effects first, then by interaction order.
/// </summary>
public sealed record Formula(string Text, Variable Outcome, bool HasIntercept, IReadOnlyList<Term> Terms,
    IReadOnlyList<string> AbsorbedFixedEffects, IReadOnlyList<RandomEffectTerm> RandomEffects)
{
    /// <summary>Parses R lm/lmer syntax with fixest's <c>|</c> for absorbed fixed effects.</summary>
    public static Formula Parse(string text) => FormulaParser.Parse(text);

    /// <summary>Every data column the formula refers to.</summary>
    public IEnumerable<string> Columns =>
        new[] { Outcome.Column }
            .Concat(Terms.SelectMany(t => t.Variables.Select(v => v.Column)))
            .Concat(AbsorbedFixedEffects)
            .Concat(RandomEffects.SelectMany(r => r.Slopes.Concat(r.Grouping)))
            .Distinct(StringComparer.Ordinal);

    public override string ToString() => Text;
}
