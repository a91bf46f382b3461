namespace Trial.Enrollment.Persistence;

public enum DatabaseProvider
{
    /// <summary>Embedded default: files under the data folder, schema created on start.</summary>
    Sqlite,
    /// <summary>Production: schema from EF migrations; allocation guarantees from row locks and unique constraints.</summary>
    Postgres,
}
