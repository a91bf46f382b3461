using System.Data.Common;
using System.Globalization;
using NodaTime;
using Trial.Followup.Instruments;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires.Links;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Storage;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>
/// The participant's side: open the form a token points to, save a draft, submit. Submission locks the link row,
/// marks the link used, stores the response and completes the occasion in one transaction; a concurrent or repeated
/// submission then finds the link used and gets the same thank-you page (same submission ID) or a "used" page.
/// </summary>
internal sealed class ParticipantQuestionnaire(FollowupStore store, QuestionnaireLinks links, ResponseStore responses, InstrumentCatalog catalog, IClock clock)
{
    private static readonly IReadOnlyDictionary<string, string?> NoValues = new Dictionary<string, string?>();

    public async Task<ParticipantResult> OpenAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        var link = await links.ResolveAsync(token, connection, null, RowLock.None, cancellationToken);
        if (link.Status != LinkStatus.Open)
        {
            return Refused(link);
        }
        var draft = await responses.LoadDraftAsync(connection, link.Occasion!.Value, cancellationToken);
        var values = draft.ByInstrument.SelectMany(i => i.Value.Select(a => (AnswerValidator.FieldName(i.Key, a.Key), (string?)a.Value.ToString(CultureInfo.InvariantCulture))))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        return new ParticipantResult(ParticipantOutcome.Ready, link, catalog.ForOccasion(link.OccasionCode!), values, []);
    }

    public async Task<ParticipantResult> SaveDraftAsync(string token, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var link = await links.ResolveAsync(token, connection, transaction, RowLock.ForUpdate, cancellationToken);
        if (link.Status != LinkStatus.Open)
        {
            return Refused(link);
        }
        var instruments = catalog.ForOccasion(link.OccasionCode!);
        var validation = AnswerValidator.Validate(instruments, fields, CompletenessPolicy.Draft);
        if (!validation.IsValid)
        {
            return new ParticipantResult(ParticipantOutcome.Invalid, link, instruments, fields, validation.Errors);
        }
        await responses.SaveDraftAsync(transaction, link.Occasion!.Value, validation.Answers, clock.GetCurrentInstant(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ParticipantResult(ParticipantOutcome.Saved, link, instruments, fields, []);
    }

    public async Task<ParticipantResult> SubmitAsync(string token, Guid submissionId, IReadOnlyDictionary<string, string?> fields, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var link = await links.ResolveAsync(token, connection, transaction, RowLock.ForUpdate, cancellationToken);
        if (link.Status is LinkStatus.Used or LinkStatus.OccasionClosed)
        {
            var stored = await responses.FindSubmissionAsync(transaction, link.Occasion!.Value, cancellationToken);
            return stored == submissionId ? new ParticipantResult(ParticipantOutcome.AlreadyReceived, link, [], NoValues, []) : Refused(link);
        }
        if (link.Status != LinkStatus.Open)
        {
            return Refused(link);
        }
        var instruments = catalog.ForOccasion(link.OccasionCode!);
        var validation = AnswerValidator.Validate(instruments, fields, CompletenessPolicy.Submission);
        if (!validation.IsValid)
        {
            return new ParticipantResult(ParticipantOutcome.Invalid, link, instruments, fields, validation.Errors);
        }
        var now = clock.GetCurrentInstant();
        await links.MarkUsedAsync(token, transaction, cancellationToken);
        var outcome = await StoreAsync(transaction, new ResponseToStore(link.Occasion!.Value, submissionId, ResponseMode.Web, null, now, now, instruments, validation.Answers), cancellationToken);
        if (outcome != StoreOutcome.Stored)
        {
            await transaction.RollbackAsync(cancellationToken);
            return Refused(link with { Status = LinkStatus.OccasionClosed });
        }
        await transaction.CommitAsync(cancellationToken);
        return new ParticipantResult(ParticipantOutcome.Stored, link, instruments, NoValues, []);
    }

    private async Task<StoreOutcome> StoreAsync(DbTransaction transaction, ResponseToStore response, CancellationToken cancellationToken)
    {
        try
        {
            return await responses.StoreAsync(transaction, response, cancellationToken);
        }
        catch (OccasionStateException)
        {
            // Closed between our read and the completion (e.g. the close job ran): nothing is kept.
            return StoreOutcome.AlreadyAnswered;
        }
    }

    private static ParticipantResult Refused(LinkedOccasion link) =>
        new(link.Status switch
        {
            LinkStatus.Unknown => ParticipantOutcome.LinkUnknown,
            LinkStatus.Expired => ParticipantOutcome.LinkExpired,
            LinkStatus.Used => ParticipantOutcome.LinkUsed,
            LinkStatus.OccasionClosed => ParticipantOutcome.OccasionClosed,
            _ => throw new InvalidOperationException($"An open link is not a refusal ({link.Status})."),
        }, link, [], NoValues, []);
}
