namespace Trial.Analysis.Spec;

/// <summary>How the grouping factors of a random-effects term combine: <c>g</c>, <c>g1/g2</c> (nested) or <c>g1:g2</c>.</summary>
public enum GroupingOperator
{
    Single,
    Nested,
    Interaction,
}
