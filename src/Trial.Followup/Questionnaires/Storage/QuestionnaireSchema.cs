using Trial.Followup.Storage;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>Creates the questionnaire tables if missing, after the occasion table exists (same mechanism and lock).</summary>
internal static class QuestionnaireSchema
{
    public static async Task EnsureCreatedAsync(FollowupStore store, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await FollowupSchema.EnsureCreatedAsync(store.Dialect, connection, cancellationToken);
        await FollowupSchema.RunScriptAsync(store.Dialect, connection, new QuestionnaireTables(store.Dialect).SchemaResource, cancellationToken);
    }
}
