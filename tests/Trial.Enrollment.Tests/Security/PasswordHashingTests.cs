using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Hosting.Internal;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Security;

/// <summary>
/// The PBKDF2 work factor of staff passwords: ASP.NET Core Identity's 100,000 iterations by default, lowered only in the
/// Testing environment (where the other tests run, at <see cref="TrialTestApp.TestPasswordHashIterations"/>).
/// </summary>
public sealed class PasswordHashingTests
{
    private static StaffPasswords Passwords(string environment, int? iterations = null)
    {
        var options = iterations is { } count ? new TrialHostOptions { PasswordHashIterations = count } : new TrialHostOptions();
        return new(options, new HostingEnvironment { EnvironmentName = environment }, StaffPasswords.CreateHasher(options));
    }

    private static StaffUserRecord User() => new() { Username = "kari", DisplayName = "Kari", PasswordHash = "", Role = "", Organisation = "", Centres = "" };

    /// <summary>Identity's v3 format: a 0x01 marker, the PRF, then the iteration count, big-endian.</summary>
    private static int IterationsOf(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    [Fact]
    public void Production_HashesWithIdentitysDefaultIterations()
    {
        Assert.Equal(100_000, new TrialHostOptions().PasswordHashIterations);
        Assert.Equal(100_000, IterationsOf(Passwords("Production").Hash(User(), TrialTestApp.Password)));
    }

    [Fact]
    public void LoweredIterations_OutsideTesting_StopTheServiceNamingTheSetting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Passwords("Production", TrialTestApp.TestPasswordHashIterations));
        Assert.Contains("Trial:PasswordHashIterations", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TrialTestApp.TestPasswordHashIterations,
            IterationsOf(Passwords("Testing", TrialTestApp.TestPasswordHashIterations).Hash(User(), TrialTestApp.Password)));
    }

    [Fact]
    public void AHashKeepsItsOwnIterations_SoItVerifiesUnderAnotherSetting()
    {
        var user = User();
        user.PasswordHash = Passwords("Production").Hash(user, TrialTestApp.Password);
        var testing = Passwords("Testing", TrialTestApp.TestPasswordHashIterations);
        Assert.NotEqual(PasswordVerificationResult.Failed, testing.Verify(user, TrialTestApp.Password));
        Assert.Equal(PasswordVerificationResult.Failed, testing.Verify(user, "another password entirely"));
        Assert.Equal(PasswordVerificationResult.Failed, testing.Verify(null, TrialTestApp.Password));
    }
}
