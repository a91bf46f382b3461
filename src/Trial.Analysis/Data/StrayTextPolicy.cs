namespace Trial.Analysis.Data;

/// <summary>What to do with a text cell (<c>3x</c>, <c>abc</c>) in a column whose values are numbers.</summary>
public enum StrayTextPolicy
{
    /// <summary>Refuse the file, naming the column, the line and the value (the default: never silently change the model).</summary>
    Refuse,

    /// <summary>Treat such cells as missing; the reader counts them so the caller can say how many.</summary>
    Missing,
}
