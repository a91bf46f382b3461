namespace Trial.Enrollment.Persistence;

/// <summary>
/// Where the identity store's tables are, for its EF mapping (<see cref="IdentityStoreContext"/>) and for the SQL
/// written by hand against it (the dispatcher's address read, the legacy-version probe), so the two cannot drift apart.
/// The columns are the records' property names in snake_case (<see cref="SnakeCaseNames"/>).
/// </summary>
internal static class IdentityTables
{
    /// <summary>The PostgreSQL schema of the identity tables; on SQLite they are a file of their own and have none.</summary>
    public const string Schema = "identity";

    public const string Persons = "persons";

    public const string PersonKeys = "person_keys";

    public const string Notes = "notes";

    /// <summary>A table's name as hand-written SQL names it: "identity.persons" on PostgreSQL, "persons" on SQLite.</summary>
    public static string Qualified(string table, bool postgres) => postgres ? $"{Schema}.{table}" : table;
}
