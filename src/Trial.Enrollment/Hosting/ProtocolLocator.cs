namespace Trial.Enrollment.Hosting;

/// <summary>Finds the protocol folder: the configured one, or protocol/ips-norway searched upward from the start folders.</summary>
internal static class ProtocolLocator
{
    public const string DefaultRelative = "protocol/ips-norway";

    public static string Find(string? configured, params string[] startFolders)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }
        foreach (var start in startFolders)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, DefaultRelative);
                if (File.Exists(Path.Combine(candidate, "protocol.yaml")))
                {
                    return candidate;
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"No {DefaultRelative}/protocol.yaml above {string.Join(" or ", startFolders)}; set Trial:ProtocolDirectory.");
    }
}
