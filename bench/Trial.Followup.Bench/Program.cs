using Trial.Followup.Bench;

// Usage:
//   Trial.Followup.Bench [run] [--participants 100000] [--due 5000] [--out bench/results/followup.md]
//   Trial.Followup.Bench node --database postgres --connection CS --protocol DIR --smtp-port P --sms-dir DIR --at INSTANT --node-id ID [--workers 4]
var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "run";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = command == "run" && (args.Length == 0 || args[0].StartsWith("--", StringComparison.Ordinal)) ? 0 : 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
return command switch
{
    "node" => await NodeCommand.RunAsync(options),
    "run" => await BenchmarkCommand.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Trial.Followup.Bench [run|node] [--option value]...");
    return 64;
}
