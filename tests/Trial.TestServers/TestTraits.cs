namespace Trial.TestServers;

/// <summary>Trait names shared by the test projects, so `dotnet test --filter db=postgres` selects the real-database tests.</summary>
public static class TestTraits
{
    public const string Database = "db";
    public const string Postgres = "postgres";
    public const string Sqlite = "sqlite";
}
