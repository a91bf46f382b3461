using System.Data.Common;
using NodaTime;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Storage;

namespace Trial.Followup.Questionnaires.Links;

/// <summary>Issues links (stores the tokens' hashes only, several in one statement) and resolves presented tokens to their occasion.</summary>
internal sealed class QuestionnaireLinks(FollowupStore store, FollowupHostOptions options, IClock clock) : IQuestionnaireLinks
{
    public const string PathPrefix = "q";

    private readonly QuestionnaireTables _tables = new(store.Dialect);

    public async Task<IReadOnlyList<Uri>> IssueAsync(IReadOnlyList<LinkRequest> requests, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (requests.Count == 0)
        {
            return [];
        }
        var d = store.Dialect;
        var tokens = requests.Select(_ => LinkToken.New()).ToList();
        var rows = string.Join(", ", requests.Select((_, i) => $"(@hash{i}, @occasion{i}, @now, @expires{i})"));
        (string, object?)[] parameters =
        [
            ("now", d.Bind(clock.GetCurrentInstant())),
            .. requests.SelectMany((r, i) => new (string, object?)[] { ($"hash{i}", tokens[i].Hash()), ($"occasion{i}", d.Bind(r.Occasion.Value)), ($"expires{i}", d.Bind(r.ExpiresAt)) }),
        ];
        await using var command = SqlStatement.Create(transaction,
            $"INSERT INTO {_tables.Link} (token_hash, occasion_id, issued_at, expires_at) VALUES {rows}", parameters);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return tokens.Select(t => LinkFor(options.PublicBaseUrl, t)).ToList();
    }

    public static Uri LinkFor(Uri baseUrl, LinkToken token)
    {
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, $"{PathPrefix}/{token.Value}");
    }

    /// <summary>Classifies a token; reads only. Use inside a transaction to lock the link row (PostgreSQL).</summary>
    public async Task<LinkedOccasion> ResolveAsync(string presented, DbConnection connection, DbTransaction? transaction, RowLock rowLock, CancellationToken cancellationToken)
    {
        if (!LinkToken.TryParse(presented, out var token))
        {
            return new LinkedOccasion(LinkStatus.Unknown, null, null, null, null, null);
        }
        var d = store.Dialect;
        var sql = $"""
            SELECT l.occasion_id, l.expires_at, l.used_at, o.occasion_code, o.language, o.state, o.closes_at, o.time_zone
            FROM {_tables.Link} l JOIN {d.Occasion} o ON o.id = l.occasion_id
            WHERE l.token_hash = @hash{(rowLock == RowLock.ForUpdate ? _tables.LockLinkRow : "")}
            """;
        await using var command = transaction is null
            ? SqlStatement.Create(connection, sql, ("hash", token.Hash()))
            : SqlStatement.Create(transaction, sql, ("hash", token.Hash()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return new LinkedOccasion(LinkStatus.Unknown, null, null, null, null, null);
        }
        var occasion = OccasionId.From(d.ReadGuid(reader, 0));
        var expiresAt = d.ReadInstant(reader, 1);
        var used = !reader.IsDBNull(2);
        var state = OccasionStateCodes.Parse(reader.GetString(5));
        var closesAt = d.ReadInstant(reader, 6);
        var now = clock.GetCurrentInstant();
        var status = used ? LinkStatus.Used
            : now >= expiresAt || now >= closesAt ? LinkStatus.Expired
            : state is OccasionState.Pending or OccasionState.Invited or OccasionState.Reminded ? LinkStatus.Open
            : LinkStatus.OccasionClosed;
        // The window closes at the start of the day after the last day; the link may expire earlier.
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(reader.GetString(7)) ?? DateTimeZoneProviders.Tzdb["Europe/Oslo"];
        var lastDay = (expiresAt < closesAt ? expiresAt : closesAt).Minus(Duration.Epsilon).InZone(zone).Date;
        return new LinkedOccasion(status, occasion, reader.GetString(3), reader.GetString(4), expiresAt, lastDay);
    }

    /// <summary>Marks an open link used; part of the submission transaction. Throws if it is not open any more.</summary>
    public async Task MarkUsedAsync(string presented, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (!LinkToken.TryParse(presented, out var token))
        {
            throw new InvalidOperationException("Cannot mark a malformed token used.");
        }
        await using var command = SqlStatement.Create(transaction,
            $"UPDATE {_tables.Link} SET used_at = @now WHERE token_hash = @hash AND used_at IS NULL",
            ("hash", token.Hash()), ("now", store.Dialect.Bind(clock.GetCurrentInstant())));
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException("The link was used by a concurrent submission.");
        }
    }
}
