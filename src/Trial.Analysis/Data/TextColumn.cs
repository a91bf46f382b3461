namespace Trial.Analysis.Data;

/// <summary>A text column (becomes a factor in a model); missing cells are null.</summary>
public sealed class TextColumn(string name, string?[] values) : DataColumn(name)
{
    public string?[] Values { get; } = values;

    public override int Count => Values.Length;

    public override bool IsMissing(int row) => Values[row] is null;

    public override string Format(int row) => Values[row] ?? "";
}
