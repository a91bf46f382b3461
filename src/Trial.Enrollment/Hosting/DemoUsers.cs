using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Persistence;
using Trial.Followup.Access;

namespace Trial.Enrollment.Hosting;

/// <summary>Development only: one user per role (a coordinator per centre) on an empty user table, with random passwords printed once; and a demo seed.</summary>
internal static class DemoUsers
{
    private static readonly (string Username, string Name, string Role, string Organisation, string[] Centres)[] Users =
    [
        ("coordinator.oslo", "Koordinator Oslo", TrialRoles.Coordinator, "diakonhjemmet", ["oslo"]),
        ("coordinator.hadeland", "Koordinator Hadeland", TrialRoles.Coordinator, "sykehuset-innlandet", ["hadeland"]),
        ("coordinator.vestfold", "Koordinator Vestfold", TrialRoles.Coordinator, "siv", ["vestfold"]),
        ("coordinator.akershus", "Koordinator Akershus", TrialRoles.Coordinator, "ahus", ["akershus"]),
        ("coordinator.elverum", "Koordinator Elverum", TrialRoles.Coordinator, "sykehuset-innlandet", ["elverum"]),
        ("coordinator.hordaland", "Koordinator Hordaland", TrialRoles.Coordinator, "helse-bergen", ["hordaland"]),
        // A NAV coordinator (job specialist's side): sees no clinical fields, and no one the health trust screened before consent.
        ("coordinator.nav-oslo", "Koordinator NAV Oslo", TrialRoles.Coordinator, "nav-oslo", ["oslo"]),
        ("manager", "Prosjektleder", TrialRoles.TrialManager, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
        ("statistician", "Statistiker", TrialRoles.Statistician, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
        ("auditor", "Revisor", TrialRoles.Auditor, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
    ];

    /// <summary>
    /// Creates the demo users (once, on an empty user table) and prints them; returns their credentials, empty when
    /// users already existed. With <paramref name="setAllocationSeed"/> a random allocation seed is set as well; the
    /// simulated trial (Trial.Demo) sets its own reproducible seed through the API instead.
    /// </summary>
    public static async Task<IReadOnlyList<DemoCredential>> SeedAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken,
        bool setAllocationSeed = true)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
        if (await db.StaffUsers.AnyAsync(cancellationToken))
        {
            return [];
        }
        var staff = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
        var created = new List<DemoCredential>();
        output.WriteLine("Demo users (development only; shown once, passwords are stored hashed):");
        foreach (var (username, name, role, organisation, centres) in Users)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('/', 'x').Replace('+', 'y');
            await staff.AddAsync(username, name, password, role, organisation, centres, cancellationToken);
            output.WriteLine($"  {role,-14} {username,-22} {password}");
            created.Add(new DemoCredential(username, role, centres, password));
        }
        if (setAllocationSeed)
        {
            var statistician = new StaffUser("statistician", TrialRoles.Statistician, Protocol.OrganisationCode.Parse("trial-office"), []);
            var seed = await scope.ServiceProvider.GetRequiredService<AllocationSeeds>().SetAsync(db, scope.ServiceProvider.GetRequiredService<AuditTrail>(),
                scope.ServiceProvider.GetRequiredService<TrialCalendar>(), statistician, null, cancellationToken);
            output.WriteLine($"Demo allocation seed (the statistician keeps this): {seed}");
        }
        return created;
    }
}

/// <summary>A demo user as printed once at seeding.</summary>
internal sealed record DemoCredential(string Username, string Role, IReadOnlyList<string> Centres, string Password);
