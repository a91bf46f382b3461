using Trial.Protocol.Occasions;
using System.Data.Common;
using System.Globalization;
using NodaTime;
using NodaTime.Text;
using Trial.Followup.Contact;
using Trial.Followup.Questionnaires;
using Trial.Followup.Questionnaires.Storage;
using Trial.Followup.Storage;
using Trial.Protocol.Package;

namespace Trial.Followup.Export;

/// <summary>
/// Writes occasions.csv, responses_items.csv and responses_scores.csv (protocol/data-package.md) for the participants
/// given, under their research IDs. Rows are ordered by participant ID, then occasion due date, then protocol order.
/// </summary>
internal sealed class FollowupExport(FollowupStore store) : IFollowupExport
{
    public const string OccasionsFile = "occasions.csv";
    public const string ItemsFile = "responses_items.csv";
    public const string ScoresFile = "responses_scores.csv";

    private static readonly string[] OccasionColumns = ["participant_id", "occasion", "due_on", "status", "reason", "completed_at", "mode"];
    private static readonly string[] ItemColumns = ["participant_id", "occasion", "instrument", "item", "value", "mode", "answered_at"];
    private static readonly string[] ScoreColumns = ["participant_id", "occasion", "instrument", "scale", "score", "items_answered", "items_total", "prorated"];

    /// <summary>Why a missed occasion is lost to follow-up, for CONSORT.</summary>
    public const string MissedReason = "no-response";

    public async Task<IReadOnlyList<ManifestFile>> WriteFilesAsync(string directory, IReadOnlyDictionary<ParticipantRef, string> researchIds,
        IReadOnlyDictionary<ParticipantRef, Instant> answersBefore, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answersBefore);
        ArgumentNullException.ThrowIfNull(researchIds);
        var d = store.Dialect;
        var tables = new QuestionnaireTables(d);
        await using var connection = await store.OpenAsync(cancellationToken);
        var occasions = await ReadAsync(connection,
            $"SELECT participant, occasion_code, due_on, state, cancel_reason, closed_at, response_mode FROM {d.Occasion}",
            reader => (Participant: d.ReadGuid(reader, 0), Due: d.ReadLocalDate(reader, 2), Position: 0, Answered: (Instant?)null, Cells: (string?[])[
                null, OccasionMonths.PackageCode(reader.GetString(1)), LocalDatePattern.Iso.Format(d.ReadLocalDate(reader, 2)), reader.GetString(3),
                reader.GetString(3) switch { "cancelled" => reader.GetString(4), "missed" => MissedReason, _ => null },
                reader.GetString(3) == "completed" ? Iso(d.ReadInstant(reader, 5)) : null,
                reader.IsDBNull(6) ? null : reader.GetString(6)]),
            cancellationToken);
        var items = await ReadAsync(connection,
            $"""
            SELECT o.participant, o.occasion_code, o.due_on, i.position, i.instrument, i.item, i.value, r.mode, r.answered_at
            FROM {tables.Item} i JOIN {tables.Response} r ON r.occasion_id = i.occasion_id JOIN {d.Occasion} o ON o.id = i.occasion_id
            """,
            reader => (Participant: d.ReadGuid(reader, 0), Due: d.ReadLocalDate(reader, 2), Position: reader.GetInt32(3), Answered: (Instant?)d.ReadInstant(reader, 8), Cells: (string?[])[
                null, OccasionMonths.PackageCode(reader.GetString(1)), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetInt32(6).ToString(CultureInfo.InvariantCulture), reader.GetString(7), Iso(d.ReadInstant(reader, 8))]),
            cancellationToken);
        var scores = await ReadAsync(connection,
            $"""
            SELECT o.participant, o.occasion_code, o.due_on, s.position, s.instrument, s.scale, s.score, s.items_answered, s.items_total, s.prorated, r.answered_at
            FROM {tables.Score} s JOIN {tables.Response} r ON r.occasion_id = s.occasion_id JOIN {d.Occasion} o ON o.id = s.occasion_id
            """,
            reader => (Participant: d.ReadGuid(reader, 0), Due: d.ReadLocalDate(reader, 2), Position: reader.GetInt32(3), Answered: (Instant?)d.ReadInstant(reader, 10), Cells: (string?[])[
                null, OccasionMonths.PackageCode(reader.GetString(1)), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : Score(reader.GetDecimal(6)),
                reader.GetInt32(7).ToString(CultureInfo.InvariantCulture), reader.GetInt32(8).ToString(CultureInfo.InvariantCulture),
                reader.GetBoolean(9) ? "true" : "false"]),
            cancellationToken);
        return
        [
            await PackageCsvWriter.WriteAsync(directory, OccasionsFile, OccasionColumns, Select(occasions, researchIds, answersBefore), cancellationToken),
            await PackageCsvWriter.WriteAsync(directory, ItemsFile, ItemColumns, Select(items, researchIds, answersBefore), cancellationToken),
            await PackageCsvWriter.WriteAsync(directory, ScoresFile, ScoreColumns, Select(scores, researchIds, answersBefore), cancellationToken),
        ];
    }

    /// <summary>
    /// Keeps exported participants only, and only answers given before a withdrawal's cut-off; puts the research ID in
    /// the first cell, and orders the rows.
    /// </summary>
    private static IEnumerable<string?[]> Select(List<(Guid Participant, LocalDate Due, int Position, Instant? Answered, string?[] Cells)> rows,
        IReadOnlyDictionary<ParticipantRef, string> researchIds, IReadOnlyDictionary<ParticipantRef, Instant> answersBefore) =>
        rows.Where(r => r.Answered is not { } at || !answersBefore.TryGetValue(ParticipantRef.From(r.Participant), out var cut) || at < cut)
            .Select(r => (Id: researchIds.GetValueOrDefault(ParticipantRef.From(r.Participant)), r.Due, r.Position, r.Cells))
            .Where(r => r.Id is not null)
            .OrderBy(r => r.Id, StringComparer.Ordinal).ThenBy(r => r.Due).ThenBy(r => r.Position)
            .Select(r => { r.Cells[0] = r.Id; return r.Cells; });

    private static async Task<List<T>> ReadAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var command = SqlStatement.Create(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }
        return rows;
    }

    private static string Iso(Instant instant) => InstantPattern.General.Format(instant);

    // Shortest exact invariant text: 10.5000 → "10.5", 16 → "16".
    private static string Score(decimal score) => (score / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
