using Fluvio.HelpBuilder;

// Exit codes: 0 help written, 1 the help is incomplete or wrong (problems listed), 2 bad usage.
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: fluvio-helpbuilder <path to Fluvio.PowerShell.dll> <docs/help dir> <output xml path>");
    return 2;
}
var (assembly, docs, output) = (args[0], args[1], args[2]);
if (!File.Exists(assembly) || !Directory.Exists(docs))
{
    Console.Error.WriteLine($"fluvio-helpbuilder: error FHB000: {(File.Exists(assembly) ? $"no help folder at '{docs}'" : $"no assembly at '{assembly}'")}.");
    return 2;
}

var problems = HelpBuild.Run(assembly, docs, output);
foreach (var problem in problems)
{
    // MSBuild's Exec turns lines in this form into build errors that point at the markdown file.
    Console.Error.WriteLine(problem);
}
if (problems.Count > 0)
{
    Console.Error.WriteLine($"fluvio-helpbuilder: {problems.Count} problem(s); no help written.");
    return 1;
}
Console.WriteLine($"fluvio-helpbuilder: wrote {Path.GetFullPath(output)}");
return 0;
