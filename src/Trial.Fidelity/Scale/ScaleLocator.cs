using Trial.Protocol.Files;

namespace Trial.Fidelity.Scale;

/// <summary>Finds protocol/fidelity/&lt;code&gt;.yaml upward from the working folder, as the other tools find protocol/.</summary>
public static class ScaleLocator
{
    public static string Find(string code)
    {
        if (code.Any(c => !(char.IsAsciiLetterOrDigit(c) || c == '-')))
        {
            throw new ProtocolFileException(new ProtocolFileError("evidence", "$.scale", null, $"'{code}' is not a scale code"));
        }
        for (var folder = new DirectoryInfo(Directory.GetCurrentDirectory()); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "protocol", "fidelity", $"{code}.yaml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new ProtocolFileException(new ProtocolFileError("evidence", "$.scale", null,
            $"no protocol/fidelity/{code}.yaml above the working folder; pass --scale FILE"));
    }
}
