using Trial.Followup.Bench;

// The dispatch node the Follow-up tests start (and SIGKILL), with a synthetic contact directory and link issuer so the
// tests need no Enrollment. The dispatch benchmark (case D) runs production-built nodes: bench/Trial.Enrollment.Bench dispatch.
// Usage:
//   Trial.Followup.Bench node --database postgres --connection CS --protocol DIR --smtp-port P --sms-dir DIR --at INSTANT --node-id ID [--workers 4]
var command = args.Length > 0 ? args[0] : "";
var options = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 1; i + 1 < args.Length; i += 2)
{
    options[args[i].TrimStart('-')] = args[i + 1];
}
return command switch
{
    "node" => await NodeCommand.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Trial.Followup.Bench node --option value ... (the dispatch benchmark is bench/Trial.Enrollment.Bench dispatch)");
    return 64;
}
