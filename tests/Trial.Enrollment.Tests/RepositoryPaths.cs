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

    /// <summary>
    /// A copy of the IPS protocol with a second consent form, version 1.1, in force from <paramref name="validFrom"/>
    /// (after the tests' consent dates, before their clock's 2014-11-01), so participants who consented on 1.0 must re-consent.
    /// </summary>
    public static string CopyOfIpsProtocolWithNewConsentForm(string validFrom = "2014-06-01")
    {
        var target = CopyOfIpsProtocol();
        File.Copy(Path.Combine(target, "consent", "consent-1.0.md"), Path.Combine(target, "consent", "consent-1.1.md"));
        var file = Path.Combine(target, "protocol.yaml");
        const string first = "  - { version: \"1.0\", validFrom: 2013-09-01, file: consent/consent-1.0.md }\n";
        var text = File.ReadAllText(file);
        Assert.Contains(first, text, StringComparison.Ordinal);
        File.WriteAllText(file, text.Replace(first, first + $"  - {{ version: \"1.1\", validFrom: {validFrom}, file: consent/consent-1.1.md }}\n", StringComparison.Ordinal));
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
