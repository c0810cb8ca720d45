namespace Fluvio.HelpBuilder;

/// <summary>One run: read the cmdlets, read their markdown, check the two agree, write the MAML.</summary>
internal static class HelpBuild
{
    /// <summary>Returns the problems found; the output file is written only when there are none.</summary>
    public static IReadOnlyList<HelpProblem> Run(string assemblyPath, string docsDirectory, string outputPath)
    {
        var cmdlets = CmdletReader.Read(assemblyPath);
        if (cmdlets.Count == 0)
        {
            return [new HelpProblem(assemblyPath, 1, "FHB000", "The assembly defines no public cmdlet ([Cmdlet] attribute): is this the module's assembly?")];
        }
        // about_*.md are conceptual topics, not cmdlet help.
        var docs = Directory.GetFiles(docsDirectory, "*.md")
            .Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
            .Select(HelpMarkdown.Parse)
            .ToDictionary(d => Path.GetFileNameWithoutExtension(d.Path), StringComparer.OrdinalIgnoreCase);
        var problems = HelpValidator.Check(cmdlets, docs, docsDirectory);
        if (problems.Count > 0)
        {
            return problems;
        }
        var maml = MamlWriter.Write(cmdlets.Select(c => (c, docs[c.Name])));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(outputPath))!);
        maml.Save(outputPath);
        return [];
    }
}
