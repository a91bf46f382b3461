namespace Trial.Analysis.Spec;

/// <summary>Comparison of a <see cref="SampleCondition"/>. Order comparisons need a numeric column.</summary>
public enum FilterOperator
{
    Equal,
    NotEqual,
    In,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}
