using System.Globalization;
using Trial.Analysis.Data;
using Trial.Analysis.Spec;

namespace Trial.Analysis.Designs;

/// <summary>Turns a <see cref="SampleCondition"/> into a row predicate over one column; missing cells fail every condition.</summary>
internal static class SampleFilterEvaluator
{
    public static Func<int, bool> Compile(SampleCondition condition, DataColumn column)
    {
        if (condition.Values.Count == 0 || (condition.Operator != FilterOperator.In && condition.Values.Count != 1))
        {
            throw new ModelInputException($"filter: condition on '{condition.Column}' needs exactly one value (or a list for In)");
        }
        switch (column)
        {
            case NumericColumn numeric:
                var targets = condition.Values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
                    ? d
                    : throw new ModelInputException($"filter: '{v}' is not a number, but column '{condition.Column}' is numeric")).ToArray();
                var values = numeric.Values;
                var t = targets[0];
                return condition.Operator switch
                {
                    FilterOperator.Equal => i => values[i] == t,
                    FilterOperator.NotEqual => i => !double.IsNaN(values[i]) && values[i] != t,
                    FilterOperator.In => i => targets.Contains(values[i]),
                    FilterOperator.Less => i => values[i] < t,
                    FilterOperator.LessOrEqual => i => values[i] <= t,
                    FilterOperator.Greater => i => values[i] > t,
                    _ => i => values[i] >= t,
                };
            case TextColumn text:
                var strings = text.Values;
                var s = condition.Values[0];
                return condition.Operator switch
                {
                    FilterOperator.Equal => i => string.Equals(strings[i], s, StringComparison.Ordinal),
                    FilterOperator.NotEqual => i => strings[i] is not null && !string.Equals(strings[i], s, StringComparison.Ordinal),
                    FilterOperator.In => i => strings[i] is not null && condition.Values.Contains(strings[i]!, StringComparer.Ordinal),
                    _ => throw new ModelInputException($"filter: '{condition.Operator}' needs a numeric column, but '{condition.Column}' holds text"),
                };
            default:
                throw new InvalidOperationException("unknown column type");
        }
    }
}
