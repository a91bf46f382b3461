namespace Trial.Followup.Tests;

/// <summary>Locates the repository (the folder holding Trial.sln) so tests read the shipped protocol files.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string IpsNorwayProtocol => Path.Combine(Root, "protocol", "ips-norway");

    public static string IpsNorwayInstruments => Path.Combine(IpsNorwayProtocol, "instruments");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Trial.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Trial.sln not found above " + AppContext.BaseDirectory);
    }
}
