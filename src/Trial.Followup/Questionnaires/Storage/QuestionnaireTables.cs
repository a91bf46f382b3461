using Trial.Followup.Hosting;
using Trial.Followup.Storage;

namespace Trial.Followup.Questionnaires.Storage;

/// <summary>The questionnaire tables' names and the few SQL fragments that differ between PostgreSQL and SQLite.</summary>
internal sealed class QuestionnaireTables(FollowupSqlDialect dialect)
{
    private bool Postgres => Dialect.Database == FollowupDatabase.Postgres;

    public FollowupSqlDialect Dialect { get; } = dialect;

    public string Link => Postgres ? "followup.questionnaire_link" : "followup_questionnaire_link";

    public string Draft => Postgres ? "followup.questionnaire_draft" : "followup_questionnaire_draft";

    public string Response => Postgres ? "followup.questionnaire_response" : "followup_questionnaire_response";

    public string Item => Postgres ? "followup.questionnaire_item" : "followup_questionnaire_item";

    public string Score => Postgres ? "followup.questionnaire_score" : "followup_questionnaire_score";

    /// <summary>
    /// Locks the link row (alias l) and waits for a holder (PostgreSQL); SQLite's immediate write transaction already
    /// serialises writers.
    /// </summary>
    public string LockLinkRow => Postgres ? " FOR UPDATE OF l" : "";
}
