namespace Trial.Schema;

/// <summary>The two databases the project supports; each numbered script exists once per dialect.</summary>
public enum SchemaDialect
{
    Sqlite,
    Postgres,
}
