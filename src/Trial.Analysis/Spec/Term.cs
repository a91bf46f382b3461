namespace Trial.Analysis.Spec;

/// <summary>A model term: a main effect (one variable) or an interaction (several, joined by <c>:</c>).</summary>
public sealed record Term
{
    public Term(IEnumerable<Variable> variables)
    {
        Variables = variables.ToArray();
        if (Variables.Count == 0)
        {
            throw new ModelInputException("term: a term needs at least one variable");
        }
    }

    public IReadOnlyList<Variable> Variables { get; }

    /// <summary>R's label, e.g. <c>arm:centre</c>.</summary>
    public string Label => string.Join(":", Variables.Select(v => v.Label));

    /// <summary>Order-insensitive identity (a:b is b:a), used to remove duplicates and apply <c>- term</c>.</summary>
    public string Key => string.Join(":", Variables.Select(v => v.Column).Order(StringComparer.Ordinal));

    public bool Equals(Term? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Label;
}
