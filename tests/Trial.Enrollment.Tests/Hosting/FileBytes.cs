namespace Trial.Enrollment.Tests.Hosting;

/// <summary>Searches files as they lie on disk (open or not), for bytes that must no longer be anywhere in them.</summary>
internal static class FileBytes
{
    /// <summary>Whether the bytes occur in any of the named files of the folder that exist (e.g. a SQLite file, its WAL and journal).</summary>
    public static bool AnyContains(string folder, byte[] bytes, params string[] names) =>
        names.Select(name => Path.Combine(folder, name)).Where(File.Exists).Any(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.GetBuffer().AsSpan(0, (int)copy.Length).IndexOf(bytes) >= 0;
        });
}
