using Trial.Fidelity.Cli;

return FidelityCli.Run(args, Console.Out, Console.Error);
