using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// The statement that takes the next slot of period <c>@period</c> in participant <c>@id</c>'s stratum, found from
/// their centre inside the statement (<c>CASE centre WHEN … THEN …</c>, one branch per centre the protocol lists, as
/// <see cref="TrialProtocol.StratumOf"/> gives it; no row for any other centre), with its centre and stratum parameters.
/// Built once per protocol, since every randomisation sends the same text and values.
/// </summary>
internal sealed class StratumSlotStatement
{
    /// <summary>Participant <c>@id</c>'s centre, for statements sent before the participant's row has been read.</summary>
    public const string ParticipantCentre = "(SELECT centre FROM participants WHERE id = @id)";

    public StratumSlotStatement(TrialProtocol protocol)
    {
        var branches = protocol.Centres.Select((c, i) => (When: ($"s_centre{i}", (object?)c.Code.Value), Then: ($"s_stratum{i}", (object?)protocol.StratumOf(c.Code))))
            .ToList();
        Sql = Slot($"CASE {ParticipantCentre} {string.Join(" ", branches.Select(b => $"WHEN @{b.When.Item1} THEN @{b.Then.Item1}"))} END");
        Parameters = [.. branches.Select(b => b.When), .. branches.Select(b => b.Then)];
    }

    public string Sql { get; }

    /// <summary>The centres' and strata's parameters; the caller adds <c>@id</c> and <c>@period</c>.</summary>
    public IReadOnlyList<(string Name, object? Value)> Parameters { get; }

    /// <summary>
    /// The next slot of period <c>@period</c> in the <paramref name="stratum"/> (an SQL expression; no row if it is null):
    /// the counter row is created at 1 or moved on, and stays locked until commit.
    /// </summary>
    public static string Slot(string stratum) => $"""
        INSERT INTO allocation_counters (stratum, period, next_slot)
        SELECT stratum, @period, 1 FROM (SELECT {stratum} AS stratum) AS s WHERE stratum IS NOT NULL
        ON CONFLICT (stratum, period) DO UPDATE SET next_slot = allocation_counters.next_slot + 1
        RETURNING next_slot - 1
        """;
}
