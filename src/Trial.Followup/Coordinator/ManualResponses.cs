using System.Globalization;
using System.Security.Claims;
using NodaTime;
using Trial.Followup.Access;
using Trial.Followup.Instruments;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Storage;

namespace Trial.Followup.Coordinator;

/// <summary>
/// Records answers taken by phone or on paper for an occasion at the coordinator's own centre, with the mode and
/// who entered them, through the same store (and completion) as web answers. Blank items are allowed (the scales'
/// missing-item rules apply); out-of-range values and unknown items are refused and nothing is written.
/// </summary>
internal sealed class ManualResponses(FollowupStore store, ResponseStore responses, InstrumentCatalog catalog, FollowupProtocol protocol, IClock clock,
    IInstrumentAccess instrumentAccess)
{
    private static readonly Dictionary<string, string[]> NoErrors = new(StringComparer.Ordinal);

    public async Task<ManualEntry> RecordAsync(OccasionId occasion, ClaimsPrincipal user, ManualResponseRequest request, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string code, centre, state;
        Instant opensAt, closesAt;
        await using (var find = SqlStatement.Create(transaction,
            $"SELECT occasion_code, centre_code, state, opens_at, closes_at FROM {d.Occasion} WHERE id = @id", ("id", d.Bind(occasion.Value))))
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return new ManualEntry(ManualEntryOutcome.OccasionNotFound, NoErrors, null, $"No follow-up occasion {occasion}.");
            }
            (code, centre, state) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
            (opensAt, closesAt) = (d.ReadInstant(reader, 3), d.ReadInstant(reader, 4));
        }
        if (CentreAccess.Decide(user, centre) != AccessDecision.Allowed || CentreAccess.UserId(user) is not { } enteredBy)
        {
            return new ManualEntry(ManualEntryOutcome.Forbidden, NoErrors, null, "You may enter answers only for your own centre's participants.");
        }
        if ((request.Answers ?? []).Keys.FirstOrDefault(i => !instrumentAccess.MayEnter(user, i)) is { } notAllowed)
        {
            return new ManualEntry(ManualEntryOutcome.InstrumentNotAllowed,
                new Dictionary<string, string[]>(StringComparer.Ordinal) { [$"answers.{notAllowed}"] = [$"Your organisation may not enter '{notAllowed}' (organisation-may-record)."] },
                null, $"Your organisation may not enter or see the answers to '{notAllowed}'; the protocol's fieldAccess gives them to another kind of organisation.");
        }
        var now = clock.GetCurrentInstant();
        var graceEnds = closesAt.InUtc().LocalDateTime.Plus(protocol.ManualEntryGrace).InUtc().ToInstant();
        if (Unenterable(state, now, opensAt, closesAt, graceEnds) is { } refusal)
        {
            return new ManualEntry(ManualEntryOutcome.OccasionNotOpen, NoErrors, null, refusal);
        }
        var (mode, answeredAt, errors) = CheckRequest(request, now);
        if (answeredAt < opensAt)
        {
            errors["answeredAt"] = [$"The answer time {answeredAt} is before the occasion opened ({opensAt}); it must lie between the opening and now."];
        }
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
        var response = new ResponseToStore(occasion, Guid.NewGuid(), mode, enteredBy, answeredAt, now, instruments, validation.Answers,
            AfterClose: now > closesAt || state == "missed");
        try
        {
            var stored = await responses.StoreAsync(transaction, response, cancellationToken);
            if (stored == StoreOutcome.EntryLocked)
            {
                return new ManualEntry(ManualEntryOutcome.EntryLocked, NoErrors, null, "Follow-up is locked: no data entry (lock stage 'followup-locked').");
            }
            if (stored != StoreOutcome.Stored)
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

    /// <summary>
    /// Why answers cannot be entered now, or null: only an occasion that has opened and is not cancelled, up to the end
    /// of the grace period after it closed (followup.yaml manualEntry.graceAfterClose). A completed one is refused later.
    /// </summary>
    private static string? Unenterable(string state, Instant now, Instant opensAt, Instant closesAt, Instant graceEnds) => state switch
    {
        "cancelled" => "This occasion was cancelled (withdrawal or death); no answers can be entered for it.",
        "completed" => null,
        _ when now < opensAt => $"This occasion opens at {opensAt}; answers cannot be entered before it opens.",
        _ when now > graceEnds => graceEnds == closesAt
            ? $"This occasion closed at {closesAt}; answers cannot be entered after it closes."
            : $"This occasion closed at {closesAt} and the grace period for phone and paper entry ended at {graceEnds}.",
        _ => null,
    };
    /// <summary>The occasion an entry form is for, or null when there is none with this id.</summary>
    public async Task<OccasionForEntry?> FindAsync(OccasionId occasion, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var find = SqlStatement.Create(connection,
            $"SELECT occasion_code, centre_code, participant, state FROM {d.Occasion} WHERE id = @id", ("id", d.Bind(occasion.Value)));
        await using var reader = await find.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new OccasionForEntry(occasion.Value, reader.GetString(0), reader.GetString(1), d.ReadGuid(reader, 2), reader.GetString(3))
            : null;
    }

    /// <summary>The occasion's instruments this user may enter (their organisation's).</summary>
    public IReadOnlyList<InstrumentDefinition> Instruments(string occasionCode, ClaimsPrincipal user) =>
        catalog.ForOccasion(occasionCode).Where(i => instrumentAccess.MayEnter(user, i.Code)).ToList();

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
