namespace Trial.Analysis.Spec;

/// <summary>
/// One condition of a sample filter, e.g. <c>phase != "post-exit"</c> or <c>age &gt;= 20</c>. Conditions of a
/// <see cref="ModelSpec"/> are combined with AND. Values are text; numeric columns parse them (invariant culture).
/// Rows where the column is missing never satisfy a condition.
/// </summary>
public sealed record SampleCondition(string Column, FilterOperator Operator, IReadOnlyList<string> Values)
{
    public static SampleCondition Where(string column, FilterOperator op, string value) => new(column, op, [value]);

    public static SampleCondition In(string column, params string[] values) => new(column, FilterOperator.In, values);

    public override string ToString() => Operator switch
    {
        FilterOperator.Equal => $"{Column} == {Values[0]}",
        FilterOperator.NotEqual => $"{Column} != {Values[0]}",
        FilterOperator.In => $"{Column} in ({string.Join(", ", Values)})",
        FilterOperator.Less => $"{Column} < {Values[0]}",
        FilterOperator.LessOrEqual => $"{Column} <= {Values[0]}",
        FilterOperator.Greater => $"{Column} > {Values[0]}",
        _ => $"{Column} >= {Values[0]}",
    };
}
