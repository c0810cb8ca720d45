using System.Globalization;
using System.Text;

namespace Fluvio.Client;

/// <summary>How a scalar was written: a plain scalar may resolve to null, a bool or a number; the others are always text.</summary>
internal enum YamlStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// <summary>A node of the tree <see cref="YamlSubset"/> reads, with the 1-based line it starts on.</summary>
internal abstract class YamlNode(int line)
{
    public int Line { get; } = line;
}

/// <summary>A scalar's text after quoting, escapes and folding; an absent value is an empty plain scalar.</summary>
internal sealed class YamlScalar(string value, YamlStyle style, int line) : YamlNode(line)
{
    public string Value { get; } = value;

    public YamlStyle Style { get; } = style;

    /// <summary>YAML 1.2's core-schema nulls: nothing, ~, null, Null, NULL (plain only; '' is the empty string).</summary>
    public bool IsNull => Style == YamlStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed class YamlSequence(IReadOnlyList<YamlNode> items, int line) : YamlNode(line)
{
    public IReadOnlyList<YamlNode> Items { get; } = items;
}

/// <summary>A mapping with text keys in the order written; a key appears once.</summary>
internal sealed class YamlMapping(IReadOnlyList<KeyValuePair<string, YamlNode>> entries, int line) : YamlNode(line)
{
    public IReadOnlyList<KeyValuePair<string, YamlNode>> Entries { get; } = entries;

    public YamlNode? this[string key] => Entries.FirstOrDefault(e => e.Key == key).Value;
}

/// <summary>
/// A strict reader for the part of YAML a transforms file uses: block mappings and sequences by
/// indentation (spaces only), "- " entries (a "- key: value" entry starts a mapping), plain,
/// single- and double-quoted scalars (quoted ones may span lines), comments, flow [..] and {..}
/// collections, | and > block scalars (with - or + chomping), one document (a leading --- is
/// allowed). Everything else -- anchors, aliases, tags, directives, a second document, tabs as
/// indentation, "? " keys, explicit block indentation, a plain scalar running onto the next line,
/// duplicate keys -- is refused with a <see cref="TransformsFormatException"/> naming the line.
/// </summary>
internal sealed class YamlSubset
{
    private readonly string[] _lines;
    private int _line;
    private int _col;

    private YamlSubset(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        // A final line break ends the last line; it does not start an empty one.
        _lines = (text.EndsWith('\n') ? text[..^1] : text).Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToArray();
    }

    /// <summary>The document's root node, or null for a document with nothing but comments and blank lines.</summary>
    public static YamlNode? Parse(string text) => new YamlSubset(text).Document();

    private YamlNode? Document()
    {
        SkipBlankLines();
        if (_line < _lines.Length && IsMarker(_lines[_line], "---"))
        {
            if (!IsBlankOrComment(_lines[_line], 3))
            {
                throw Error(_line, "content on the `---` line is not supported: start the document on the next line");
            }
            _line++;
        }
        if (!NextContentLine())
        {
            return null;
        }
        _col = Indent(_line);
        var root = BlockNode(-1);
        if (NextContentLine())
        {
            throw Error(_line, Indent(_line) > 0 ? "unexpected indentation" : "unexpected content after the document's root node");
        }
        return root;
    }

    // ---- lines -------------------------------------------------------------------------------

    private static bool IsMarker(string line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal) && (line.Length == 3 || line[3] is ' ' or '\t');

    private static bool IsBlankOrComment(string line, int from)
    {
        for (int i = from; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || line[i - 1] is ' ' or '\t'))
            {
                return true;
            }
            if (line[i] is not (' ' or '\t'))
            {
                return false;
            }
        }
        return true;
    }

    private void SkipBlankLines()
    {
        while (_line < _lines.Length && IsBlankOrComment(_lines[_line], 0))
        {
            _line++;
        }
    }

    /// <summary>Moves to the next line with content; false at the end. A second document or a directive is refused here.</summary>
    private bool NextContentLine()
    {
        SkipBlankLines();
        if (_line >= _lines.Length)
        {
            return false;
        }
        string line = _lines[_line];
        if (IsMarker(line, "---") || IsMarker(line, "..."))
        {
            throw Error(_line, "only one YAML document is read: `---` or `...` here would start or end another");
        }
        if (line.StartsWith('%'))
        {
            throw Error(_line, "YAML directives (%YAML, %TAG) are not supported");
        }
        return true;
    }

    /// <summary>The spaces before a structural line's content; a tab among them is refused, as YAML does.</summary>
    private int Indent(int line)
    {
        string text = _lines[line];
        int n = 0;
        while (n < text.Length && text[n] == ' ')
        {
            n++;
        }
        if (n < text.Length && text[n] == '\t')
        {
            throw Error(line, "a tab is used for indentation: YAML indents with spaces only");
        }
        return n;
    }

    private static TransformsFormatException Error(int line, string message) => new($"line {line + 1}: {message}", line + 1);

    private string Text => _lines[_line];

    private char At(int col) => col < Text.Length ? Text[col] : '\0';

    private static bool IsSpace(char c) => c is ' ' or '\t';

    private static bool EndsToken(string text, int i) => i >= text.Length || IsSpace(text[i]);

    private void SkipSpaces()
    {
        while (_col < Text.Length && IsSpace(Text[_col]))
        {
            _col++;
        }
    }

    private bool AtEndOfLine() => _col >= Text.Length || (Text[_col] == '#' && (_col == 0 || IsSpace(Text[_col - 1])));

    /// <summary>After a value only spaces and a comment may follow on its line; moves to the next line.</summary>
    private void EndOfLine()
    {
        SkipSpaces();
        if (!AtEndOfLine())
        {
            throw Error(_line, $"unexpected '{Text[_col]}' after the value");
        }
        _line++;
        _col = 0;
    }

    private static bool IsSequenceEntry(string text, int col) => col < text.Length && text[col] == '-' && EndsToken(text, col + 1);

    // ---- block structure ---------------------------------------------------------------------

    /// <summary>A node whose content starts at the current column, indented deeper than <paramref name="parentIndent"/>.</summary>
    private YamlNode BlockNode(int parentIndent)
    {
        if (IsSequenceEntry(Text, _col))
        {
            return Sequence(_col);
        }
        if (At(_col) == '?' && EndsToken(Text, _col + 1))
        {
            throw Error(_line, "complex keys (`? key`) are not supported");
        }
        if (StartsKey())
        {
            return Mapping(_col);
        }
        return ScalarOrFlow(parentIndent);
    }

    /// <summary>The value written after "key: " on the key's own line: a scalar or a flow collection.</summary>
    private YamlNode InlineValue(int parentIndent)
    {
        if (IsSequenceEntry(Text, _col))
        {
            throw Error(_line, "a block sequence cannot start on the line of its key: put its `- ` entries on the next lines");
        }
        if (StartsKey())
        {
            throw Error(_line, "a mapping cannot start on the line of its key: put its entries on the next lines, indented");
        }
        return ScalarOrFlow(parentIndent);
    }

    /// <summary>The value under a key or a "-" with nothing after it: a deeper block, a sequence at the key's own indentation, or nothing (null).</summary>
    private YamlNode Below(int indent, int line, bool sequenceAtSameIndent)
    {
        _line = line + 1;
        _col = 0;
        if (NextContentLine())
        {
            int n = Indent(_line);
            if (n > indent || (sequenceAtSameIndent && n == indent && IsSequenceEntry(Text, n)))
            {
                _col = n;
                return BlockNode(indent);
            }
        }
        return new YamlScalar("", YamlStyle.Plain, line + 1);
    }

    private YamlSequence Sequence(int indent)
    {
        int start = _line;
        var items = new List<YamlNode>();
        while (true)
        {
            int line = _line;
            _col = indent + 1;
            SkipSpaces();
            var item = AtEndOfLine() ? Below(indent, line, sequenceAtSameIndent: false) : BlockNode(indent);
            items.Add(item);
            if (!NextContentLine())
            {
                break;
            }
            int n = Indent(_line);
            if (n > indent)
            {
                throw Error(_line, Unexpected(item));
            }
            if (n < indent || !IsSequenceEntry(Text, n))
            {
                break;
            }
            _col = n;
        }
        return new YamlSequence(items, start + 1);
    }

    private YamlMapping Mapping(int indent)
    {
        int start = _line;
        var entries = new List<KeyValuePair<string, YamlNode>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            if (!StartsKey())
            {
                throw Error(_line, IsSequenceEntry(Text, _col)
                    ? "a `- ` entry where the mapping expects `key: value`"
                    : "expected `key: value` (a plain scalar cannot continue on another line: quote it, or use | or >)");
            }
            int line = _line;
            string key = Key();
            if (!keys.Add(key))
            {
                throw Error(line, $"the key '{key}' is given twice");
            }
            SkipSpaces();
            var value = AtEndOfLine() ? Below(indent, line, sequenceAtSameIndent: true) : InlineValue(indent);
            entries.Add(new(key, value));
            if (!NextContentLine())
            {
                break;
            }
            int n = Indent(_line);
            if (n > indent)
            {
                throw Error(_line, Unexpected(value));
            }
            if (n < indent)
            {
                break;
            }
            _col = n;
        }
        return new YamlMapping(entries, start + 1);
    }

    /// <summary>Why a line indented deeper than the entry before it is refused.</summary>
    private static string Unexpected(YamlNode previous) =>
        previous is YamlScalar { Style: YamlStyle.Plain, Value.Length: > 0 }
            ? "unexpected indentation: a plain scalar cannot continue on the next line (quote it, or use | or >)"
            : "unexpected indentation";

    /// <summary>Whether the content at the current column is a key: a plain or one-line quoted scalar followed by ": " (or ":" at the end).</summary>
    private bool StartsKey()
    {
        string text = Text;
        int i = _col;
        if (i >= text.Length)
        {
            return false;
        }
        char c = text[i];
        if (c is '"' or '\'')
        {
            int end = QuotedEnd(text, i);
            if (end < 0)
            {
                return false;
            }
            i = end + 1;
            while (i < text.Length && IsSpace(text[i]))
            {
                i++;
            }
            return i < text.Length && text[i] == ':' && EndsToken(text, i + 1);
        }
        if (c is '[' or '{' or '&' or '*' or '!' or '|' or '>' or '%' or '@' or '`' or '#')
        {
            return false;
        }
        for (; i < text.Length; i++)
        {
            if (text[i] == ':' && EndsToken(text, i + 1))
            {
                return true;
            }
            if (text[i] == '#' && IsSpace(text[i - 1]))
            {
                return false;
            }
        }
        return false;
    }

    /// <summary>Where a quoted scalar starting at <paramref name="start"/> closes on the same line, or -1.</summary>
    private static int QuotedEnd(string text, int start)
    {
        char quote = text[start];
        for (int i = start + 1; i < text.Length; i++)
        {
            if (quote == '"' && text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                if (quote == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }

    /// <summary>Reads a key and its ':' (StartsKey said there is one), leaving the column after the ':'.</summary>
    private string Key()
    {
        string key;
        if (Text[_col] is '"' or '\'')
        {
            key = ((YamlScalar)Quoted()).Value;
            SkipSpaces();
        }
        else
        {
            int end = _col;
            while (!(Text[end] == ':' && EndsToken(Text, end + 1)))
            {
                end++;
            }
            key = Text[_col..end].TrimEnd(' ', '\t');
            _col = end;
        }
        _col++; // the ':'
        return key;
    }

    // ---- scalars -----------------------------------------------------------------------------

    /// <summary>Anchors, aliases and tags start a node in block and flow context alike; this subset has none.</summary>
    private void RefuseNodeProperties(char c)
    {
        switch (c)
        {
            case '&':
                throw Error(_line, "anchors (&name) are not supported");
            case '*':
                throw Error(_line, "aliases (*name) are not supported");
            case '!':
                throw Error(_line, "tags (!tag, !!type) are not supported");
        }
    }

    private YamlNode ScalarOrFlow(int parentIndent)
    {
        char c = Text[_col];
        RefuseNodeProperties(c);
        switch (c)
        {
            case '|' or '>':
                return BlockScalar(parentIndent);
            case '"' or '\'':
                var quoted = Quoted();
                EndOfLine();
                return quoted;
            case '[' or '{':
                var flow = Flow();
                EndOfLine();
                return flow;
            case '%' or '@' or '`' or ',' or ']' or '}':
                throw Error(_line, $"a plain scalar cannot start with '{c}': quote the value");
        }
        int line = _line;
        int start = _col;
        while (!AtEndOfLine())
        {
            _col++;
        }
        string value = Text[start.._col].TrimEnd(' ', '\t');
        EndOfLine();
        return new YamlScalar(value, YamlStyle.Plain, line + 1);
    }

    /// <summary>A single- or double-quoted scalar from the current column, over as many lines as it takes; the column ends after the closing quote.</summary>
    private YamlNode Quoted()
    {
        char quote = Text[_col];
        int startLine = _line;
        var value = new StringBuilder();
        int keep = 0; // the value's length without the spaces that end the current line (a line break folds them away)
        _col++;
        while (true)
        {
            if (_col >= Text.Length)
            {
                // A line break inside the scalar: trailing spaces go, one break is a space, each blank line a newline.
                value.Length = keep;
                int blank = 0;
                while (true)
                {
                    _line++;
                    if (_line >= _lines.Length)
                    {
                        throw Error(startLine, $"the {(quote == '"' ? "double" : "single")}-quoted scalar starting here is never closed");
                    }
                    _col = 0;
                    SkipSpaces();
                    if (_col < Text.Length)
                    {
                        break;
                    }
                    blank++;
                }
                value.Append(blank == 0 ? " " : new string('\n', blank));
                keep = value.Length;
                continue;
            }
            char c = Text[_col];
            if (c == quote)
            {
                if (quote == '\'' && At(_col + 1) == '\'')
                {
                    value.Append('\'');
                    keep = value.Length;
                    _col += 2;
                    continue;
                }
                _col++;
                return new YamlScalar(value.ToString(), quote == '"' ? YamlStyle.DoubleQuoted : YamlStyle.SingleQuoted, startLine + 1);
            }
            if (quote == '"' && c == '\\')
            {
                if (_col + 1 >= Text.Length)
                {
                    // An escaped line break: the next line's leading spaces go, and no space is added.
                    _line++;
                    if (_line >= _lines.Length)
                    {
                        throw Error(startLine, "the double-quoted scalar starting here is never closed");
                    }
                    _col = 0;
                    SkipSpaces();
                    keep = value.Length;
                    continue;
                }
                value.Append(Escape());
                keep = value.Length;
                continue;
            }
            value.Append(c);
            if (!IsSpace(c))
            {
                keep = value.Length;
            }
            _col++;
        }
    }

    /// <summary>A double-quoted scalar's escape at the current column (the backslash), as YAML 1.2 defines them.</summary>
    private string Escape()
    {
        char e = Text[_col + 1];
        _col += 2;
        switch (e)
        {
            case '0': return "\0";
            case 'a': return "\a";
            case 'b': return "\b";
            case 't' or '\t': return "\t";
            case 'n': return "\n";
            case 'v': return "\v";
            case 'f': return "\f";
            case 'r': return "\r";
            case 'e': return "\u001b";
            case ' ': return " ";
            case '"': return "\"";
            case '/': return "/";
            case '\\': return "\\";
            case 'N': return "\u0085";
            case '_': return "\u00a0";
            case 'L': return "\u2028";
            case 'P': return "\u2029";
            case 'x': return Hex(2);
            case 'u': return Hex(4);
            case 'U': return Hex(8);
            default: throw Error(_line, $"unknown escape '\\{e}' in a double-quoted scalar");
        }
    }

    private string Hex(int digits)
    {
        string text = Text;
        if (_col + digits > text.Length
            || !int.TryParse(text.AsSpan(_col, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
            || code > 0x10FFFF || code is >= 0xD800 and <= 0xDFFF)
        {
            throw Error(_line, $"a \\{text[_col - 1]} escape needs {digits} hex digits of a Unicode scalar value");
        }
        _col += digits;
        return char.ConvertFromUtf32(code);
    }

    /// <summary>A | (literal) or > (folded) block scalar; the column is at the indicator.</summary>
    private YamlScalar BlockScalar(int parentIndent)
    {
        int headerLine = _line;
        bool literal = Text[_col] == '|';
        char chomp = 'c';
        _col++;
        while (_col < Text.Length && !IsSpace(Text[_col]))
        {
            char c = Text[_col];
            if (c is '-' or '+' && chomp == 'c')
            {
                chomp = c;
            }
            else if (char.IsAsciiDigit(c))
            {
                throw Error(_line, "an explicit indentation indicator (|2, >1) is not supported: let the first line set the indentation");
            }
            else
            {
                throw Error(_line, $"unexpected '{c}' after the block scalar indicator");
            }
            _col++;
        }
        EndOfLine();

        // The first line with content sets the indentation; it must be deeper than the parent's.
        int indent = -1;
        for (int i = _line; i < _lines.Length && indent < 0; i++)
        {
            string text = _lines[i];
            int n = 0;
            while (n < text.Length && text[n] == ' ')
            {
                n++;
            }
            if (n < text.Length)
            {
                indent = n > parentIndent ? n : int.MaxValue;
            }
        }
        var lines = new List<string>();
        while (_line < _lines.Length)
        {
            string text = _lines[_line];
            bool blank = text.All(c => c == ' ');
            if (!blank && (indent == int.MaxValue || indent < 0 || !text.StartsWith(new string(' ', indent), StringComparison.Ordinal)))
            {
                break;
            }
            lines.Add(text.Length > indent && indent >= 0 ? text[indent..] : "");
            _line++;
        }
        _col = 0;

        int last = lines.FindLastIndex(l => l.Length > 0);
        int trailing = lines.Count - 1 - last;
        var content = lines.Take(last + 1).ToList();
        string body = literal ? string.Join('\n', content) : Fold(content);
        string value = chomp switch
        {
            '-' => body,
            '+' => content.Count == 0 ? new string('\n', trailing) : body + new string('\n', trailing + 1),
            _ => content.Count == 0 ? "" : body + "\n",
        };
        return new YamlScalar(value, literal ? YamlStyle.Literal : YamlStyle.Folded, headerLine + 1);
    }

    /// <summary>A folded scalar's lines: a break between two ordinary lines is a space, each blank line a newline; more-indented lines keep their breaks.</summary>
    private static string Fold(List<string> lines)
    {
        var value = new StringBuilder();
        bool first = true;
        bool previousMoreIndented = false;
        int blank = 0;
        foreach (string line in lines)
        {
            if (line.Length == 0)
            {
                blank++;
                continue;
            }
            bool moreIndented = line[0] is ' ' or '\t';
            if (first)
            {
                value.Append('\n', blank);
                first = false;
            }
            else if (!moreIndented && !previousMoreIndented)
            {
                value.Append(blank == 0 ? " " : new string('\n', blank));
            }
            else
            {
                value.Append('\n', blank + 1);
            }
            value.Append(line);
            previousMoreIndented = moreIndented;
            blank = 0;
        }
        return value.ToString();
    }

    // ---- flow collections --------------------------------------------------------------------

    /// <summary>Skips spaces, line breaks and comments inside a flow collection; refuses its end before it closes.</summary>
    private void FlowSpace(int startLine)
    {
        while (true)
        {
            SkipSpaces();
            if (!AtEndOfLine())
            {
                return;
            }
            _line++;
            _col = 0;
            if (_line >= _lines.Length)
            {
                throw Error(startLine, "the flow collection starting here is never closed");
            }
        }
    }

    private YamlNode Flow()
    {
        int startLine = _line;
        bool isSequence = Text[_col] == '[';
        char close = isSequence ? ']' : '}';
        _col++;
        var items = new List<YamlNode>();
        var entries = new List<KeyValuePair<string, YamlNode>>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            FlowSpace(startLine);
            if (Text[_col] == close)
            {
                _col++;
                break;
            }
            int itemLine = _line;
            var node = FlowNode();
            FlowSpace(startLine);
            if (isSequence)
            {
                if (Text[_col] == ':')
                {
                    throw Error(_line, "a `key: value` pair inside [ ] is not supported: write it as { key: value }");
                }
                items.Add(node);
            }
            else
            {
                if (node is not YamlScalar key)
                {
                    throw Error(itemLine, "a flow collection cannot be a key");
                }
                YamlNode value = new YamlScalar("", YamlStyle.Plain, _line + 1);
                if (Text[_col] == ':')
                {
                    _col++;
                    FlowSpace(startLine);
                    if (Text[_col] is not (',' or '}'))
                    {
                        value = FlowNode();
                        FlowSpace(startLine);
                    }
                }
                if (!keys.Add(key.Value))
                {
                    throw Error(itemLine, $"the key '{key.Value}' is given twice");
                }
                entries.Add(new(key.Value, value));
            }
            if (Text[_col] == ',')
            {
                _col++;
            }
            else if (Text[_col] != close)
            {
                throw Error(_line, $"expected ',' or '{close}' in the flow collection, found '{Text[_col]}'");
            }
        }
        return isSequence ? new YamlSequence(items, startLine + 1) : new YamlMapping(entries, startLine + 1);
    }

    private YamlNode FlowNode()
    {
        char c = Text[_col];
        RefuseNodeProperties(c);
        switch (c)
        {
            case '[' or '{':
                return Flow();
            case '"' or '\'':
                return Quoted();
            case '|' or '>' or '%' or '@' or '`' or ',' or ']' or '}' or ':':
                throw Error(_line, $"unexpected '{c}' in the flow collection");
            case '?' when EndsToken(Text, _col + 1):
                throw Error(_line, "complex keys (`? key`) are not supported");
        }
        int line = _line;
        int start = _col;
        string text = Text;
        while (_col < text.Length)
        {
            char d = text[_col];
            if (d is ',' or '[' or ']' or '{' or '}'
                || (d == ':' && (EndsToken(text, _col + 1) || text[_col + 1] is ',' or ']' or '}'))
                || (d == '#' && IsSpace(text[_col - 1])))
            {
                break;
            }
            _col++;
        }
        return new YamlScalar(text[start.._col].TrimEnd(' ', '\t'), YamlStyle.Plain, line + 1);
    }
}
