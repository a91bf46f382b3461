using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Access;

/// <summary>Creates staff users (checking role, organisation and centres against the protocol) and checks passwords.</summary>
internal sealed class StaffDirectory(TrialDbContext db, TrialProtocol protocol)
{
    public static readonly string[] Roles = [TrialRoles.Coordinator, TrialRoles.TrialManager, TrialRoles.Statistician, TrialRoles.Auditor];

    private static readonly PasswordHasher<StaffUserRecord> Hasher = new();

    public async Task<StaffUserRecord> AddAsync(string username, string displayName, string password, string role, string organisation,
        IReadOnlyList<string> centres, CancellationToken cancellationToken)
    {
        if (!Roles.Contains(role, StringComparer.Ordinal))
        {
            throw RejectedException.Invalid("role", "known-role", $"'{role}' is not one of {string.Join(", ", Roles)}.");
        }
        var org = CodeFormat.IsValid(organisation) ? protocol.FindOrganisation(OrganisationCode.Parse(organisation)) : null;
        if (org is null)
        {
            throw RejectedException.Invalid("organisation", "known-organisation", $"'{organisation}' is not an organisation in the protocol.");
        }
        foreach (var centre in centres)
        {
            if (!org.Centres.Any(c => c.Value == centre))
            {
                throw RejectedException.Invalid("centres", "centre-of-organisation", $"Centre '{centre}' does not belong to {org.Name}.");
            }
        }
        if (password.Length < 12)
        {
            throw RejectedException.Invalid("password", "password-length", "A password has at least 12 characters.");
        }
        var user = new StaffUserRecord
        {
            Id = Guid.NewGuid(),
            Username = username,
            DisplayName = displayName,
            PasswordHash = "",
            Role = role,
            Organisation = organisation,
            Centres = string.Join(';', centres),
        };
        user.PasswordHash = Hasher.HashPassword(user, password);
        db.StaffUsers.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return user;
    }

    /// <summary>The user, if the password matches; null otherwise (the caller does not learn which part was wrong).</summary>
    public async Task<StaffUserRecord?> CheckPasswordAsync(string username, string password, CancellationToken cancellationToken)
    {
        var user = await db.StaffUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Username == username, cancellationToken);
        if (user is null)
        {
            return null;
        }
        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }
}
