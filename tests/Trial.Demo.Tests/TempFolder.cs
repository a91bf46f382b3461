namespace Trial.Demo.Tests;

/// <summary>A fresh folder path under the temp directory (not created), removed with its .partial siblings afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "trial-demo-test-" + Guid.NewGuid().ToString("N")[..10]);

    public IEnumerable<string> PartialSiblings =>
        Directory.EnumerateDirectories(System.IO.Path.GetDirectoryName(Path)!, System.IO.Path.GetFileName(Path) + ".partial-*");

    public void Dispose()
    {
        foreach (var folder in PartialSiblings.Append(Path).Where(Directory.Exists).ToList())
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
