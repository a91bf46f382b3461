using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Screening;

/// <summary>
/// Issues the pseudonymous research ID, P-0001-7K: a screening number from a locked counter row plus two check
/// characters (Crockford base32 of its SHA-256) that catch most typing errors.
/// </summary>
internal static class ResearchIds
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static async Task<string> NextAsync(TrialDbContext db, CancellationToken cancellationToken)
    {
        var next = await db.Database.SqlQuery<int>(
                $"INSERT INTO id_counters (name, next) VALUES ('research-id', 1) ON CONFLICT (name) DO UPDATE SET next = id_counters.next + 1 RETURNING next AS \"Value\"")
            .ToListAsync(cancellationToken);
        return Format(next.Single());
    }

    public static string Format(int number)
    {
        var body = $"P-{number:0000}";
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes(body));
        return $"{body}-{Alphabet[hash[0] >> 3]}{Alphabet[hash[1] >> 3]}";
    }
}
