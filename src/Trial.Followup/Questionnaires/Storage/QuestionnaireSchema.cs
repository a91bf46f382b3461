using Trial.Followup.Storage;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>The questionnaire tables are version 0002 of Follow-up's scripts: one mechanism, run again here in case only this feature starts.</summary>
internal static class QuestionnaireSchema
{
    public static async Task UpgradeAsync(FollowupStore store, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await FollowupSchema.UpgradeAsync(store.Dialect, connection, cancellationToken);
    }
}
