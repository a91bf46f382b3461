namespace Trial.Analysis.Tests;

/// <summary>Paths of committed protocol files, found from the test binary upwards.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Protocol(string relative) => Path.Combine(Root, "protocol", relative);

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
