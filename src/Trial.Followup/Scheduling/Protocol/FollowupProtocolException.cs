namespace Trial.Followup.Scheduling.Protocol;

/// <summary>The follow-up protocol file is invalid. The message names the file, the path in it and the rule broken.</summary>
public sealed class FollowupProtocolException : Exception
{
    public FollowupProtocolException(string file, string path, string rule)
        : base($"{file}: {path}: {rule}")
    {
        File = file;
        Path = path;
        Rule = rule;
    }

    public string File { get; }

    public string Path { get; }

    public string Rule { get; }
}
