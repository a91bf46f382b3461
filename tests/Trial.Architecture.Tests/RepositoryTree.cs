namespace Trial.Architecture.Tests;

/// <summary>Finds the repository root from the test binary, so the tests can read the source tree as text.</summary>
internal static class RepositoryTree
{
    public static string Root { get; } = FindRoot();

    public static IEnumerable<string> SourceFiles(string topFolder) =>
        Directory.EnumerateFiles(Path.Combine(Root, topFolder), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    public static string Relative(string path) => Path.GetRelativePath(Root, path);

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
