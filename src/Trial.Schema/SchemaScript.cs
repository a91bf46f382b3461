namespace Trial.Schema;

/// <summary>One numbered migration script of a component, for one dialect.</summary>
/// <param name="Sha256">Of the text with line endings normalised; an applied script whose text changes refuses start.</param>
public sealed record SchemaScript(int Version, string Name, string Sql, string Sha256);
