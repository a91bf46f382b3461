namespace Trial.Analysis.Mixed;

/// <summary>
/// One lme4 random-effects term after expansion (e.g. <c>(1 + Days | Subject)</c>), as fitted: its grouping
/// label, number of levels, column names and whether the columns are correlated.
/// </summary>
public sealed record RandomEffectsGroup(string Grouping, int Levels, IReadOnlyList<string> Columns, bool Correlated);
