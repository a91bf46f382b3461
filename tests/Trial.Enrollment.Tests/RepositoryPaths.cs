namespace Trial.Enrollment.Tests;

/// <summary>Finds the repository root (the folder holding Trial.sln) from the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string IpsProtocol => Path.Combine(Root, "protocol", "ips-norway");

    /// <summary>A private copy of the IPS protocol folder that a test may edit.</summary>
    public static string CopyOfIpsProtocol()
    {
        var target = Path.Combine(Path.GetTempPath(), "trial-protocol-" + Guid.NewGuid().ToString("N")[..10]);
        foreach (var file in Directory.EnumerateFiles(IpsProtocol, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(IpsProtocol, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Trial.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("Trial.sln not found above " + AppContext.BaseDirectory);
    }
}
