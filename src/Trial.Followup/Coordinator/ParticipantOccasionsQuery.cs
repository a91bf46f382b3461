using Trial.Followup.Storage;

namespace Trial.Followup.Coordinator;

/// <summary>A participant's occasions in due order, with the centre they belong to (for the caller's access check).</summary>
internal sealed class ParticipantOccasionsQuery(FollowupStore store)
{
    public async Task<(string? Centre, IReadOnlyList<ParticipantOccasion> Occasions)> ForAsync(Guid participant, CancellationToken cancellationToken)
    {
        var d = store.Dialect;
        await using var connection = await store.OpenAsync(cancellationToken);
        await using var command = SqlStatement.Create(connection,
            $"SELECT id, occasion_code, due_on, opens_at, closes_at, state, response_mode, centre_code FROM {d.Occasion} WHERE participant = @p ORDER BY due_on, occasion_code",
            ("p", d.Bind(participant)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<ParticipantOccasion>();
        string? centre = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            centre = reader.GetString(7);
            list.Add(new ParticipantOccasion(d.ReadGuid(reader, 0), reader.GetString(1), d.ReadLocalDate(reader, 2), d.ReadInstant(reader, 3),
                d.ReadInstant(reader, 4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return (centre, list);
    }
}
