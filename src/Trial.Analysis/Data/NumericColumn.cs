using System.Globalization;

namespace Trial.Analysis.Data;

/// <summary>A numeric column; missing cells are NaN.</summary>
public sealed class NumericColumn(string name, double[] values) : DataColumn(name)
{
    public double[] Values { get; } = values;

    public override int Count => Values.Length;

    public override bool IsMissing(int row) => double.IsNaN(Values[row]);

    public override string Format(int row) => IsMissing(row) ? "" : Values[row].ToString("R", CultureInfo.InvariantCulture);
}
