namespace Trial.Fidelity.Cli;

/// <summary>The exit codes of trial-fidelity, as its help text states them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 2;
    public const int InvalidInput = 3;
}
