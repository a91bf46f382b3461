namespace Trial.Enrollment.Persistence;

public enum DatabaseProvider
{
    /// <summary>Embedded default: files under the data folder; schema from the numbered scripts (Persistence/Migrations).</summary>
    Sqlite,
    /// <summary>Production: schema from the same numbered scripts; allocation guarantees from row locks and unique constraints.</summary>
    Postgres,
}
