namespace Trial.Protocol.Tests;

/// <summary>Paths in the repository (found from the test binary) and throwaway folders for edited copies.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string IpsProtocol => Path.Combine(Root, "protocol", "ips-norway");

    public static string TempFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trial-protocol-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Trial.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Trial.sln not found above the test binary.");
    }
}
