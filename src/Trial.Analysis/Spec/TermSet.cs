namespace Trial.Analysis.Spec;

/// <summary>Intermediate value of formula expansion: terms (in order), an explicit intercept choice, random effects.</summary>
internal sealed record TermSet(IReadOnlyList<Term> Terms, bool? Intercept, IReadOnlyList<RandomEffectTerm> RandomEffects)
{
    public static TermSet Empty { get; } = new([], null, []);

    public static TermSet Of(Term term) => new([term], null, []);

    public static TermSet InterceptOnly(bool intercept) => new([], intercept, []);

    public static TermSet OfRandom(RandomEffectTerm term) => new([], null, [term]);

    public TermSet Plus(TermSet other) =>
        new(Union(Terms, other.Terms), other.Intercept ?? Intercept, RandomEffects.Concat(other.RandomEffects).ToArray());

    public TermSet Minus(TermSet other)
    {
        var removed = other.Terms.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var intercept = other.Intercept switch { true => false, false => true, null => Intercept };
        return new(Terms.Where(t => !removed.Contains(t.Key)).ToArray(), intercept, RandomEffects);
    }

    public TermSet Colon(TermSet other, Func<Exception> error)
    {
        if (Terms.Count == 0 || other.Terms.Count == 0 || RandomEffects.Count > 0 || other.RandomEffects.Count > 0)
        {
            throw error();
        }
        var product = new List<Term>();
        foreach (var a in Terms)
        {
            foreach (var b in other.Terms)
            {
                var variables = a.Variables.ToList();
                variables.AddRange(b.Variables.Where(v => !variables.Any(w => string.Equals(w.Column, v.Column, StringComparison.Ordinal))));
                product.Add(new Term(variables));
            }
        }
        return new(Union(product, []), null, []);
    }

    public TermSet Star(TermSet other, Func<Exception> error) => Plus(other).Plus(Colon(other, error));

    private static Term[] Union(IEnumerable<Term> first, IEnumerable<Term> second)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return first.Concat(second).Where(t => seen.Add(t.Key)).ToArray();
    }
}
