namespace Trial.Schema;

/// <summary>The scripts or the database's recorded versions are inconsistent; start-up stops with this message.</summary>
public sealed class SchemaVersionException(string message) : Exception(message);
