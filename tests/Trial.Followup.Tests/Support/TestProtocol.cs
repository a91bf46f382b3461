using Trial.Followup.Scheduling.Protocol;

namespace Trial.Followup.Tests.Support;

/// <summary>The IPS Norway follow-up protocol from the repository's protocol folder.</summary>
internal static class TestProtocol
{
    public static string Directory { get; } = FindProtocolDirectory();

    public static FollowupProtocol IpsNorway { get; } = FollowupProtocolLoader.LoadFromDirectory(Directory);

    private static string FindProtocolDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "protocol", "ips-norway");
            if (File.Exists(Path.Combine(candidate, FollowupProtocolLoader.FileName)))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException("protocol/ips-norway/followup.yaml not found above the test output folder.");
    }
}
