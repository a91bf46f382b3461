namespace Trial.Enrollment.Persistence.Migrations;

/// <summary>Reads the SQL of a migration, embedded from Persistence/Migrations/*.sql.</summary>
internal static class MigrationScripts
{
    public static string Read(string name)
    {
        using var stream = typeof(MigrationScripts).Assembly.GetManifestResourceStream($"Trial.Enrollment.Persistence.Migrations.{name}")
                           ?? throw new InvalidOperationException($"Migration script {name} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
