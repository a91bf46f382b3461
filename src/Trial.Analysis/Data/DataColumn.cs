namespace Trial.Analysis.Data;

/// <summary>A named column of a <see cref="DataFrame"/>: numeric (<see cref="NumericColumn"/>) or text (<see cref="TextColumn"/>).</summary>
public abstract class DataColumn(string name)
{
    public string Name { get; } = name;

    public abstract int Count { get; }

    public abstract bool IsMissing(int row);

    /// <summary>The cell as text (numbers in invariant culture, "" if missing).</summary>
    public abstract string Format(int row);
}
