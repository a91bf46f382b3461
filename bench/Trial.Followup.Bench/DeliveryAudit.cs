using Npgsql;
using Trial.TestServers;

namespace Trial.Followup.Bench;

/// <summary>
/// Compares what the outbox says must be delivered by e-mail with what the SMTP sink accepted, by Message-ID
/// (the dispatcher derives it from the idempotency key as &lt;key@followup.trial&gt;).
/// </summary>
public sealed record DeliveryAudit(int Expected, int Accepted, int Distinct, int Duplicates, int Losses, int Foreign)
{
    public static async Task<DeliveryAudit> RunAsync(string postgresConnectionString, SmtpSink sink)
    {
        var expected = new HashSet<string>(StringComparer.Ordinal);
        await using (var connection = new NpgsqlConnection(postgresConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT idempotency_key FROM followup.outbox WHERE channel = 'email'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                expected.Add($"<{reader.GetString(0)}@followup.trial>");
            }
        }
        var accepted = sink.Messages().Select(m => m.MessageId).ToList();
        var distinct = accepted.ToHashSet(StringComparer.Ordinal);
        return new DeliveryAudit(
            expected.Count,
            accepted.Count,
            distinct.Count,
            accepted.Count - distinct.Count,
            expected.Count(id => !distinct.Contains(id)),
            distinct.Count(id => !expected.Contains(id)));
    }
}
