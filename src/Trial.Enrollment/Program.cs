using Trial.Enrollment.Cli;

return await TrialCli.RunAsync(args);

/// <summary>The entry point; visible to tests that start the real process.</summary>
public partial class Program;
