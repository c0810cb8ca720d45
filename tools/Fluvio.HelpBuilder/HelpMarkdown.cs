using System.Text;
using System.Text.RegularExpressions;

namespace Fluvio.HelpBuilder;

/// <summary>The words of one cmdlet's help, from docs/help/Verb-Noun.md (platyPS-style headings).</summary>
internal sealed record HelpDocument(
    string Path,
    string? Title,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<HelpExample> Examples,
    IReadOnlyList<HelpSection> Parameters,
    IReadOnlyList<HelpSection> Inputs,
    IReadOnlyList<HelpSection> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<HelpLink> RelatedLinks);

/// <summary>A "### name" subsection: a parameter (name without the dash), an input or an output type.</summary>
internal sealed record HelpSection(string Name, IReadOnlyList<string> Paragraphs, int Line);

internal sealed record HelpExample(string Title, string Code, IReadOnlyList<string> Remarks, int Line);

internal sealed record HelpLink(string Text, string Uri);

/// <summary>
/// A deliberately small markdown reader: headings, paragraphs, list items and fenced code. It
/// knows only what the help format can show; anything else passes through as text.
/// </summary>
internal static partial class HelpMarkdown
{
    public static HelpDocument Parse(string path) => Parse(path, File.ReadAllLines(path));

    public static HelpDocument Parse(string path, IReadOnlyList<string> lines)
    {
        string? title = null;
        var sections = new List<(string Section, string? Sub, int Line, List<string> Body)>();
        List<string>? body = null;
        string section = "";
        bool inFence = false;
        for (int i = FrontMatterEnd(lines); i < lines.Count; i++)
        {
            string line = lines[i];
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence; // a heading inside a code block is code, not structure
            }
            else if (!inFence && line.StartsWith("# ", StringComparison.Ordinal))
            {
                title = line[2..].Trim();
                body = null;
                continue;
            }
            else if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                section = line[3..].Trim().ToUpperInvariant();
                sections.Add((section, null, i + 1, body = []));
                continue;
            }
            else if (!inFence && line.StartsWith("### ", StringComparison.Ordinal))
            {
                sections.Add((section, line[4..].Trim(), i + 1, body = []));
                continue;
            }
            body?.Add(line);
        }

        IEnumerable<(string Section, string? Sub, int Line, List<string> Body)> In(string name) => sections.Where(s => s.Section == name);
        List<string> Text(string name) => In(name).Where(s => s.Sub is null).SelectMany(s => Blocks(s.Body)).Select(b => b.Text).ToList();
        List<HelpSection> Subsections(string name, Func<string, string> key) =>
            In(name).Where(s => s.Sub is not null).Select(s => new HelpSection(key(s.Sub!), TextOnly(s.Body), s.Line)).ToList();

        return new HelpDocument(
            path,
            title,
            Text("SYNOPSIS"),
            Text("DESCRIPTION"),
            In("EXAMPLES").Where(s => s.Sub is not null).Select(s => Example(s.Sub!, s.Body, s.Line)).ToList(),
            Subsections("PARAMETERS", sub => sub.TrimStart('-').Trim()),
            Subsections("INPUTS", sub => sub),
            Subsections("OUTPUTS", sub => sub),
            Text("NOTES"),
            In("RELATED LINKS").SelectMany(s => Blocks(s.Body)).Where(b => !b.IsCode).Select(b => Link(b.Raw)).ToList());
    }

    /// <summary>An example: every fenced block is its code (as platyPS does), the text around it its remarks.</summary>
    private static HelpExample Example(string title, List<string> body, int line)
    {
        var blocks = Blocks(body);
        string code = string.Join("\n\n", blocks.Where(b => b.IsCode).Select(b => b.Text));
        return new HelpExample(title, code, blocks.Where(b => !b.IsCode).Select(b => b.Text).ToList(), line);
    }

    /// <summary>Parameter, input and output texts: their platyPS yaml blocks (if any) carry structure we take from the assembly.</summary>
    private static List<string> TextOnly(List<string> body) => Blocks(body).Where(b => !b.IsCode).Select(b => b.Text).ToList();

    private sealed record Block(string Text, string Raw, bool IsCode);

    /// <summary>Paragraphs (soft-wrapped lines joined), one per list item, and fenced code kept line by line.</summary>
    private static List<Block> Blocks(List<string> lines)
    {
        var blocks = new List<Block>();
        var paragraph = new StringBuilder();
        void Flush()
        {
            if (paragraph.Length > 0)
            {
                string raw = paragraph.ToString();
                blocks.Add(new Block(Inline(raw), raw, false));
                paragraph.Clear();
            }
        }
        for (int i = 0; i < lines.Count; i++)
        {
            string line = lines[i].TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                Flush();
                var code = new List<string>();
                while (++i < lines.Count && !lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal))
                {
                    code.Add(lines[i].TrimEnd());
                }
                blocks.Add(new Block(string.Join("\n", code), "", true));
            }
            else if (line.Length == 0)
            {
                Flush();
            }
            else
            {
                if (ListItem().IsMatch(line))
                {
                    Flush(); // each list item reads as its own paragraph in Get-Help
                }
                paragraph.Append(paragraph.Length > 0 ? " " : "").Append(line.Trim());
            }
        }
        Flush();
        return blocks;
    }

    /// <summary>Get-Help prints plain text: drop code ticks and emphasis, keep a link's words (and its address if absolute).</summary>
    private static string Inline(string text)
    {
        text = MarkdownLink().Replace(text, m => m.Groups[2].Value.StartsWith("http", StringComparison.Ordinal)
            ? $"{m.Groups[1].Value} ({m.Groups[2].Value})"
            : m.Groups[1].Value);
        return text.Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal);
    }

    private static HelpLink Link(string item)
    {
        string text = ListItem().Replace(item, "").Trim();
        var link = MarkdownLink().Match(text);
        if (!link.Success)
        {
            return new HelpLink(text, "");
        }
        string uri = link.Groups[2].Value;
        return new HelpLink(link.Groups[1].Value, uri.StartsWith("http", StringComparison.Ordinal) ? uri : "");
    }

    private static int FrontMatterEnd(IReadOnlyList<string> lines)
    {
        if (lines.Count == 0 || lines[0].Trim() != "---")
        {
            return 0;
        }
        for (int i = 1; i < lines.Count; i++)
        {
            if (lines[i].Trim() == "---")
            {
                return i + 1;
            }
        }
        return 0;
    }

    [GeneratedRegex(@"^\s*([-*+]|\d+\.)\s+")]
    private static partial Regex ListItem();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex MarkdownLink();
}
