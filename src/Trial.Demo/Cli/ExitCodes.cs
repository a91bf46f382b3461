namespace Trial.Demo.Cli;

internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The service refused a call the simulation relies on, or something else unexpected failed.</summary>
    public const int Failed = 1;

    public const int Usage = 2;

    /// <summary>--out is not empty, or the database already holds a trial; nothing was written.</summary>
    public const int InvalidInput = 3;

    /// <summary>The locked plan could not run on the exported package; the work folder is kept under its .partial name.</summary>
    public const int AnalysisFailed = 4;

    public const int Interrupted = 130;
}
