namespace Fluvio.Client.Tests;

/// <summary>The YAML subset a transforms file is read with: what it reads, and each thing it refuses with the line.</summary>
public class YamlSubsetTests
{
    /// <summary>The tree as compact JSON, every scalar a string (null for an absent value), to compare shapes at a glance.</summary>
    private static string Shape(YamlNode? node) => node switch
    {
        null => "(empty)",
        YamlScalar s => s.Style == YamlStyle.Plain && s.Value.Length == 0 ? "null" : Quote(s.Value),
        YamlSequence q => "[" + string.Join(",", q.Items.Select(Shape)) + "]",
        YamlMapping m => "{" + string.Join(",", m.Entries.Select(e => Quote(e.Key) + ":" + Shape(e.Value))) + "}",
        _ => "?",
    };

    private static string Quote(string text)
    {
        var json = new System.Text.StringBuilder();
        CompactJson.String(json, text);
        return json.ToString();
    }

    private static string Read(string yaml) => Shape(YamlSubset.Parse(yaml));

    [Theory]
    [InlineData("", "(empty)")]
    [InlineData("\n# comment\n\n", "(empty)")]
    [InlineData("---\na: 1\n", """{"a":"1"}""")]
    [InlineData("\uFEFFa: 1\r\nb: 2\r\n", """{"a":"1","b":"2"}""")]
    [InlineData("a:\n  b:\n    c: d\n  e: f\ng: h", """{"a":{"b":{"c":"d"},"e":"f"},"g":"h"}""")]
    [InlineData("- a\n- b\n-\n  - c\n- - d\n  - e\n", """["a","b",["c"],["d","e"]]""")]
    [InlineData("- k: v\n  l: w\n-   x: 1\n    y: 2\n", """[{"k":"v","l":"w"},{"x":"1","y":"2"}]""")]
    [InlineData("a:\n- 1\n- 2\nb:\n", """{"a":["1","2"],"b":null}""")]
    [InlineData("a: b c  # comment\nurl: http://x/y#z\nc: x:y\n", """{"a":"b c","url":"http://x/y#z","c":"x:y"}""")]
    [InlineData("'a b': 'it''s'\n\"c\\td\": \"\\u00e9\\x41\\n\"\n", """{"a b":"it's","c\td":"éA\n"}""")]
    [InlineData("a: \"one\n  two\n\n  three \\\n  four\"\n", """{"a":"one two\nthree four"}""")]
    [InlineData("a: 'one\n   two'\n", """{"a":"one two"}""")]
    [InlineData("a: [1, 'two', \"three\", [4], {five: 5}, ]\n", """{"a":["1","two","three",["4"],{"five":"5"}]}""")]
    [InlineData("a: {x: 1, \"y\":2, z, w: }\n", """{"a":{"x":"1","y":"2","z":null,"w":null}}""")]
    [InlineData("a: [\n  1, # one\n  2\n]\nb: {}\nc: []\n", """{"a":["1","2"],"b":{},"c":[]}""")]
    [InlineData("a: |\n  line 1\n    indented\n\n  line 3\n\n\nb: x\n", """{"a":"line 1\n  indented\n\nline 3\n","b":"x"}""")]
    [InlineData("a: |-\n  x\n\nb: |+\n  y\n\n", """{"a":"x","b":"y\n\n"}""")]
    [InlineData("a: >\n  one\n  two\n\n  three\n    more\n  four\n", """{"a":"one two\nthree\n  more\nfour\n"}""")]
    [InlineData("- |\n  x\n- y\n", """["x\n","y"]""")]
    [InlineData("a: |\nb: c\n", """{"a":"","b":"c"}""")]
    [InlineData("a: -5\nb: ?x\n", """{"a":"-5","b":"?x"}""")]
    public void It_reads_the_subset(string yaml, string shape) => Assert.Equal(shape, Read(yaml));

    [Fact]
    public void A_node_knows_its_line()
    {
        var root = (YamlMapping)YamlSubset.Parse("# c\ntransforms:\n\n  - uses: a\n  - uses: b\n")!;
        var steps = (YamlSequence)root["transforms"]!;
        Assert.Equal(2, root.Line);
        Assert.Equal([4, 5], steps.Items.Select(s => s.Line));
    }

    [Theory]
    [InlineData("a: &x 1\n", 1, "anchors (&name) are not supported")]
    [InlineData("a: 1\nb: *x\n", 2, "aliases (*name) are not supported")]
    [InlineData("a: !!str 1\n", 1, "tags (!tag, !!type) are not supported")]
    [InlineData("a: [!x 1]\n", 1, "tags (!tag, !!type) are not supported")]
    [InlineData("a: 1\n---\nb: 2\n", 2, "only one YAML document is read")]
    [InlineData("a: 1\n...\n", 2, "only one YAML document is read")]
    [InlineData("%YAML 1.2\n---\na: 1\n", 1, "YAML directives (%YAML, %TAG) are not supported")]
    [InlineData("--- a: 1\n", 1, "content on the `---` line is not supported")]
    [InlineData("a:\n\tb: 1\n", 2, "a tab is used for indentation")]
    [InlineData("a:\n  b: 1\n\t c: 2\n", 3, "a tab is used for indentation")]
    [InlineData("? a\n: b\n", 1, "complex keys (`? key`) are not supported")]
    [InlineData("a: |2\n   x\n", 1, "an explicit indentation indicator (|2, >1) is not supported")]
    [InlineData("a: |x\n", 1, "unexpected 'x' after the block scalar indicator")]
    [InlineData("a: b\n  c\n", 2, "unexpected indentation: a plain scalar cannot continue on the next line (quote it, or use | or >)")]
    [InlineData("- a\n  b\n", 2, "unexpected indentation: a plain scalar cannot continue")]
    [InlineData("a: b\nc\n", 2, "expected `key: value`")]
    [InlineData("a:\n  b: 1\n    c: 2\n", 3, "unexpected indentation")]
    [InlineData("a: b: c\n", 1, "a mapping cannot start on the line of its key")]
    [InlineData("a: - b\n", 1, "a block sequence cannot start on the line of its key")]
    [InlineData("a: 1\n- b\n", 2, "a `- ` entry where the mapping expects `key: value`")]
    [InlineData("- a\nb: 1\n", 2, "unexpected content after the document's root node")]
    [InlineData("- a\n  - b\n", 2, "unexpected indentation")]
    [InlineData("a: 1\na: 2\n", 2, "the key 'a' is given twice")]
    [InlineData("a: {x: 1, x: 2}\n", 1, "the key 'x' is given twice")]
    [InlineData("a: \"x\" y\n", 1, "unexpected 'y' after the value")]
    [InlineData("a: \"open\nb: 1\n", 1, "the double-quoted scalar starting here is never closed")]
    [InlineData("a: 'open\n", 1, "the single-quoted scalar starting here is never closed")]
    [InlineData("a: \"\\q\"\n", 1, "unknown escape '\\q'")]
    [InlineData("a: \"\\u12\"\n", 1, "a \\u escape needs 4 hex digits")]
    [InlineData("a: [1, 2\n", 1, "the flow collection starting here is never closed")]
    [InlineData("a: [1 [2]]\n", 1, "expected ',' or ']'")]
    [InlineData("a: [x: 1]\n", 1, "a `key: value` pair inside [ ] is not supported")]
    [InlineData("a: {[x]: 1}\n", 1, "a flow collection cannot be a key")]
    [InlineData("a: [1, , 2]\n", 1, "unexpected ',' in the flow collection")]
    [InlineData("a: [1]]\n", 1, "unexpected ']' after the value")]
    [InlineData("a: @x\n", 1, "a plain scalar cannot start with '@'")]
    [InlineData("a: `x\n", 1, "a plain scalar cannot start with '`'")]
    public void It_refuses_the_rest_naming_the_line(string yaml, int line, string message)
    {
        var e = Assert.Throws<TransformsFormatException>(() => YamlSubset.Parse(yaml));
        Assert.Equal(line, e.Line);
        Assert.StartsWith($"line {line}: {message}", e.Message);
    }

    /// <summary>Whatever a file holds, reading it gives steps or a TransformsFormatException: never another exception (mutations of Fluvio's full.yaml and of a file with blocks, flows and quotes; fixed seed).</summary>
    [Fact]
    public void A_mangled_file_is_refused_never_crashes()
    {
        string[] corpus =
        [
            File.ReadAllText(Fluvio.Testing.Vectors.TestVectors.PathOf("transformation/full.yaml")),
            "transforms:\n- uses: 'a'\n  with:\n    spec: |+\n      [1,\n        2]\n\n    f: >-\n      x\n       y\n    g: {a: [1, \"b\\u00e9\"], 'c': ~}\n    h: \"multi\n      line\"\n  lookback: {last: 2, age: 1h 5m}\n",
        ];
        Assert.All(corpus, text => Assert.NotEmpty(TransformsConfig.FromYaml(text)));
        const string alphabet = " \t\n-:#'\"[]{},|>&*!?%@`\\ab1~.";
        var random = new Random(15);
        for (int round = 0; round < 5000; round++)
        {
            var text = new System.Text.StringBuilder(corpus[round % corpus.Length]);
            for (int edits = random.Next(1, 6); edits > 0; edits--)
            {
                int at = random.Next(text.Length);
                switch (random.Next(3))
                {
                    case 0: text.Remove(at, Math.Min(random.Next(1, 4), text.Length - at)); break;
                    case 1: text.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: text[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
            }
            string yaml = text.ToString();
            try
            {
                _ = TransformsConfig.FromYaml(yaml);
            }
            catch (TransformsFormatException)
            {
            }
            catch (Exception e)
            {
                Assert.Fail($"round {round}: {e.GetType().Name}: {e.Message}\n{yaml}");
            }
        }
    }
}
