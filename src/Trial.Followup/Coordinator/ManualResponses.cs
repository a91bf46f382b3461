using System.Globalization;
using System.Security.Claims;
using NodaTime;
using Trial.Followup.Instruments;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Storage;

namespace Trial.Followup.Coordinator;

/// <summary>
/// Records answers taken by phone or on paper for an occasion at the coordinator's own centre, with the mode and
/// who entered them, through the same store (and completion) as web answers. Blank items are allowed (the scales'
/// missing-item rules apply); out-of-range values and unknown items are refused and nothing is written.
/// </summary>
internal sealed class ManualResponses(FollowupStore store, ResponseStore responses, InstrumentCatalog catalog, IClock clock)
{
    private static readonly Dictionary<string, string[]> NoErrors = new(StringComparer.Ordinal);

    public async Task<ManualEntry> RecordAsync(OccasionId occasion, ClaimsPrincipal user, ManualResponseRequest request, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string code, centre;
        await using (var find = SqlStatement.Create(transaction,
            $"SELECT occasion_code, centre_code, state FROM {d.Occasion} WHERE id = @id", ("id", d.Bind(occasion.Value))))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new ManualEntry(ManualEntryOutcome.OccasionNotFound, NoErrors, null, $"No follow-up occasion {occasion}.");
            }
            (code, centre) = (reader.GetString(0), reader.GetString(1));
        }
        if (CentreAccess.Decide(user, centre) != AccessDecision.Allowed || CentreAccess.UserId(user) is not { } enteredBy)
        {
            return new ManualEntry(ManualEntryOutcome.Forbidden, NoErrors, null, "You may enter answers only for your own centre's participants.");
        }
        var now = clock.GetCurrentInstant();
        var (mode, answeredAt, errors) = CheckRequest(request, now);
        var instruments = catalog.ForOccasion(code);
        var fields = (request.Answers ?? []).SelectMany(i => i.Value.Select(a => (AnswerValidator.FieldName(i.Key, a.Key), a.Value?.ToString(CultureInfo.InvariantCulture))))
            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal);
        var validation = AnswerValidator.Validate(instruments, fields, CompletenessPolicy.Draft);
        foreach (var error in validation.Errors)
        {
            errors[error.Field] = [error.Message.En];
        }
        if (validation.IsValid && validation.Answers.Count == 0)
        {
            errors["answers"] = ["At least one item must be answered."];
        }
        if (errors.Count > 0)
        {
            return new ManualEntry(ManualEntryOutcome.Invalid, errors, null, null);
        }
        var response = new ResponseToStore(occasion, Guid.NewGuid(), mode, enteredBy, answeredAt, now, instruments, validation.Answers);
        try
        {
            if (await responses.StoreAsync(transaction, response, cancellationToken) != StoreOutcome.Stored)
            {
                return new ManualEntry(ManualEntryOutcome.OccasionClosed, NoErrors, null, "This occasion already has a response.");
            }
        }
        catch (OccasionStateException e)
        {
            return new ManualEntry(ManualEntryOutcome.OccasionClosed, NoErrors, null, e.Message);
        }
        await transaction.CommitAsync(cancellationToken);
        var scores = instruments.SelectMany(i => InstrumentScorer.Score(i, validation.Answers.For(i.Code))).ToList();
        return new ManualEntry(ManualEntryOutcome.Stored, NoErrors, new ManualResponseResult(occasion.Value, code, ResponseStore.ModeCode(mode), enteredBy, answeredAt, scores), null);
    }

    private static (ResponseMode Mode, Instant AnsweredAt, Dictionary<string, string[]> Errors) CheckRequest(ManualResponseRequest request, Instant now)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var mode = request.Mode switch
        {
            "phone" => ResponseMode.Phone,
            "paper" => ResponseMode.Paper,
            _ => ResponseMode.Web,
        };
        if (mode == ResponseMode.Web)
        {
            errors["mode"] = [$"Mode must be 'phone' or 'paper', not '{request.Mode}'."];
        }
        var answeredAt = request.AnsweredAt ?? now;
        if (answeredAt > now)
        {
            errors["answeredAt"] = ["The answer time cannot be in the future."];
        }
        if (request.Answers is null)
        {
            errors["answers"] = ["Answers are required: instrument code → item code → value."];
        }
        return (mode, answeredAt, errors);
    }
}
