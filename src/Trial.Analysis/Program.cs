using System.Reflection;
using Trial.Analysis.Cli;

var commands = typeof(ICliCommand).Assembly.GetTypes()
    .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(ICliCommand).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
    .Select(t => (ICliCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name, StringComparer.Ordinal)
    .ToList();

if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
{
    Console.Out.WriteLine("trial-analysis: estimators that match R, the prespecified analysis plan, and the trial report.");
    Console.Out.WriteLine();
    Console.Out.WriteLine("Usage: trial-analysis <command> [options]     (trial-analysis <command> --help for details)");
    Console.Out.WriteLine();
    foreach (var c in commands)
    {
        Console.Out.WriteLine($"  {c.Name,-16}{c.Summary}");
    }
    Console.Out.WriteLine();
    Console.Out.WriteLine("Exit codes: 0 ok, 2 usage, 3 invalid input (nothing written), 4 estimation failed, 5 plan lock mismatch.");
    return args.Length == 0 ? ExitCodes.Usage : ExitCodes.Ok;
}

var command = commands.FirstOrDefault(c => string.Equals(c.Name, args[0], StringComparison.Ordinal));
if (command is null)
{
    Console.Error.WriteLine($"trial-analysis: unknown command '{args[0]}'. Commands: {string.Join(", ", commands.Select(c => c.Name))}.");
    return ExitCodes.Usage;
}
if (args.Skip(1).Any(a => a is "--help" or "-h"))
{
    Console.Out.WriteLine(command.Help);
    return ExitCodes.Ok;
}
return command.Run(args.Skip(1).ToArray(), Console.Out, Console.Error);
