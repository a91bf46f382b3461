using System.Data.Common;
using Trial.Followup.Storage;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>Creates the questionnaire tables if missing, after the occasion table exists (same mechanism and lock).</summary>
internal static class QuestionnaireSchema
{
    public static async Task EnsureCreatedAsync(FollowupStore store, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await FollowupSchema.EnsureCreatedAsync(store.Dialect, connection, cancellationToken);
        var tables = new QuestionnaireTables(store.Dialect);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await store.Dialect.LockSchemaAsync(transaction, cancellationToken);
        await using (var command = SqlStatement.Create(transaction, ReadDdl(tables.SchemaResource)))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    private static string ReadDdl(string resource)
    {
        var assembly = typeof(QuestionnaireSchema).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("." + resource, StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded schema '{resource}' is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
