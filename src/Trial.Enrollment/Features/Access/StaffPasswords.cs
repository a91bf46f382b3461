using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Trial.Enrollment.Hosting;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Hashes and checks staff passwords with ASP.NET Core Identity's PBKDF2 hasher, at
/// <see cref="TrialHostOptions.PasswordHashIterations"/>. Each hash records its own iteration count, so a hash made at
/// another count still verifies. Also holds the hash that an unknown username is checked against, made at the same
/// count, so that an unknown name costs the same as a known one and timing does not reveal accounts.
/// The hasher comes from the container (<see cref="CreateHasher"/>), so a test can count the real hasher's work.
/// </summary>
internal sealed class StaffPasswords
{
    /// <summary>ASP.NET Core Identity's own default; below it only in the Testing environment.</summary>
    public const int DefaultIterations = 100_000;

    private readonly IPasswordHasher<StaffUserRecord> _hasher;
    private readonly StaffUserRecord _nobody;

    public StaffPasswords(TrialHostOptions options, IHostEnvironment environment, IPasswordHasher<StaffUserRecord> hasher)
    {
        // The tests sign in and add users thousands of times; at the production count that was minutes of CPU.
        // A deployment must not be able to weaken its hashes by configuration.
        if (options.PasswordHashIterations < DefaultIterations && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException(
                $"Trial:PasswordHashIterations is {options.PasswordHashIterations}; it may be below {DefaultIterations} only in the Testing environment.");
        }
        _hasher = hasher;
        _nobody = new StaffUserRecord { Username = "", DisplayName = "", PasswordHash = "", Role = "", Organisation = "", Centres = "" };
        _nobody.PasswordHash = Hash(_nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }

    /// <summary>ASP.NET Core Identity's PBKDF2 hasher at <see cref="TrialHostOptions.PasswordHashIterations"/>.</summary>
    public static IPasswordHasher<StaffUserRecord> CreateHasher(TrialHostOptions options) =>
        new PasswordHasher<StaffUserRecord>(Options.Create(new PasswordHasherOptions { IterationCount = options.PasswordHashIterations }));

    public string Hash(StaffUserRecord user, string password) => _hasher.HashPassword(user, password);

    /// <summary>Checks <paramref name="password"/> against the user's hash, or against the unknown name's when null.</summary>
    public PasswordVerificationResult Verify(StaffUserRecord? user, string password)
    {
        var checkedAgainst = user ?? _nobody;
        return _hasher.VerifyHashedPassword(checkedAgainst, checkedAgainst.PasswordHash, password);
    }
}
