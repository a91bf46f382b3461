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
    private static readonly (string Username, string Name, StaffRole Role, string Organisation, string[] Centres)[] Users =
    [
        ("coordinator.oslo", "Koordinator Oslo", StaffRole.Coordinator, "diakonhjemmet", ["oslo"]),
        ("coordinator.hadeland", "Koordinator Hadeland", StaffRole.Coordinator, "sykehuset-innlandet", ["hadeland"]),
        ("coordinator.vestfold", "Koordinator Vestfold", StaffRole.Coordinator, "siv", ["vestfold"]),
        ("coordinator.akershus", "Koordinator Akershus", StaffRole.Coordinator, "ahus", ["akershus"]),
        ("coordinator.elverum", "Koordinator Elverum", StaffRole.Coordinator, "sykehuset-innlandet", ["elverum"]),
        ("coordinator.hordaland", "Koordinator Hordaland", StaffRole.Coordinator, "helse-bergen", ["hordaland"]),
        // A NAV coordinator (job specialist's side): sees no clinical fields, and no one the health trust screened before consent.
        ("coordinator.nav-oslo", "Koordinator NAV Oslo", StaffRole.Coordinator, "nav-oslo", ["oslo"]),
        ("manager", "Prosjektleder", StaffRole.TrialManager, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
        ("statistician", "Statistiker", StaffRole.Statistician, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
        ("auditor", "Revisor", StaffRole.Auditor, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
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
            await staff.AddAsync(username, name, password, role.Code, organisation, centres, cancellationToken);
            output.WriteLine($"  {role,-14} {username,-22} {password}");
            created.Add(new DemoCredential(username, role.Code, centres, password));
        }
        if (setAllocationSeed)
        {
            var statistician = new StaffUser("statistician", StaffRole.Statistician, Protocol.OrganisationCode.Parse("trial-office"), []);
            var seed = await scope.ServiceProvider.GetRequiredService<AllocationSeeds>().SetAsync(db, scope.ServiceProvider.GetRequiredService<AuditTrail>(),
                scope.ServiceProvider.GetRequiredService<TrialCalendar>(), statistician, null, cancellationToken);
            output.WriteLine($"Demo allocation seed (the statistician keeps this): {seed}");
        }
        return created;
    }
}

/// <summary>A demo user as printed once at seeding.</summary>
internal sealed record DemoCredential(string Username, string Role, IReadOnlyList<string> Centres, string Password);
