using System.Xml.Linq;
using Fluvio.HelpBuilder.Tests.Fixture;

namespace Fluvio.HelpBuilder.Tests;

/// <summary>Runs the builder on the fixture cmdlets and reads back the MAML that Get-Help would read.</summary>
public sealed class HelpBuildTests : IDisposable
{
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

    private readonly string _docs = Directory.CreateTempSubdirectory("helpbuilder-docs-").FullName;
    private string Output => Path.Combine(_docs, "out", "Fixture.dll-Help.xml");

    public HelpBuildTests()
    {
        File.WriteAllText(Path.Combine(_docs, "Send-Widget.md"), SendWidgetMarkdown);
        File.WriteAllText(Path.Combine(_docs, "Get-Widget.md"), GetWidgetMarkdown);
        File.WriteAllText(Path.Combine(_docs, "Clear-Widget.md"), ClearWidgetMarkdown);
        File.WriteAllText(Path.Combine(_docs, "about_Widgets.md"), "# about_Widgets\nNot cmdlet help: ignored.\n");
    }

    [Fact]
    public void One_syntax_item_per_parameter_set_with_the_default_set_first()
    {
        var send = Build().Single(c => Name(c) == "Send-Widget");

        var items = send.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal(["Topic", "Value", "KeySeparator", "Partition", "Color", "PassThru", "Endpoint", "WhatIf", "Confirm"], ParameterNames(items[0]));
        Assert.Equal(["Topic", "InputObject", "Partition", "Color", "PassThru", "Endpoint", "WhatIf", "Confirm"], ParameterNames(items[1]));

        var value = Parameter(items[0], "Value");
        Assert.Equal(("true", "named", "True (ByValue)"), Flags(value));
        Assert.Equal("String", value.Element(Command + "parameterValue")!.Value);
        Assert.Equal(("false", "0", "False"), Flags(Parameter(items[0], "Topic")));
        Assert.Equal(["Red", "Green"], Parameter(items[0], "Color").Descendants(Command + "parameterValue").Select(v => v.Value));
        Assert.Null(Parameter(items[0], "PassThru").Element(Command + "parameterValue")); // a switch takes no value
        Assert.Equal("Int32", Parameter(items[0], "Partition").Element(Command + "parameterValue")!.Value); // int? shows as Int32
    }

    [Fact]
    public void Defaults_come_from_PSDefaultValue_and_are_left_out_where_none_is_declared()
    {
        var parameters = Build().Single(c => Name(c) == "Send-Widget").Element(Command + "parameters")!;

        Assert.Equal("3", Parameter(parameters, "Partition").Element(Dev + "defaultValue")?.Value);
        Assert.Equal("the topic's colour", Parameter(parameters, "Color").Element(Dev + "defaultValue")?.Value);
        Assert.Equal("False", Parameter(parameters, "PassThru").Element(Dev + "defaultValue")?.Value);
        Assert.Null(Parameter(parameters, "Topic").Element(Dev + "defaultValue"));
    }

    [Fact]
    public void Parameters_carry_flags_aliases_types_and_the_markdown_words()
    {
        var commands = Build();
        var send = commands.Single(c => Name(c) == "Send-Widget");
        var get = commands.Single(c => Name(c) == "Get-Widget");

        var topic = Parameter(send.Element(Command + "parameters")!, "Topic");
        Assert.Equal("TopicName", topic.Attribute("aliases")!.Value);
        Assert.Equal("The topic to send to.", Para(topic));
        Assert.Equal("String", topic.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.DoesNotContain("Hidden", ParameterNames(send.Element(Command + "parameters")!));
        Assert.Equal("Shows what would happen if the cmdlet runs. The cmdlet is not run.", Para(Parameter(send.Element(Command + "parameters")!, "WhatIf")));

        var name = Parameter(get.Element(Command + "parameters")!, "Name");
        Assert.Equal(("false", "0", "True (ByPropertyName)"), Flags(name));
        Assert.Equal("true", name.Attribute("globbing")!.Value);
        Assert.Equal("String[]", name.Element(Dev + "type")!.Element(Maml + "name")!.Value);
        Assert.Equal(["Name", "Endpoint"], ParameterNames(get.Element(Command + "syntax")!.Element(Command + "syntaxItem")!));
        Assert.DoesNotContain(get.Descendants(Maml + "name"), n => n.Value is "WhatIf" or "Confirm");
        Assert.Null(commands.Single(c => Name(c) == "Clear-Widget").Element(Command + "parameters"));
    }

    [Fact]
    public void Details_examples_notes_and_types_come_through()
    {
        var send = Build().Single(c => Name(c) == "Send-Widget");

        Assert.Equal("Send", send.Element(Command + "details")!.Element(Command + "verb")!.Value);
        Assert.Equal("Sends widgets.", Para(send.Element(Command + "details")!));
        Assert.Equal(["Sends each widget.", "A second paragraph joined from two lines."], Paras(send));
        var example = send.Element(Command + "examples")!.Elements(Command + "example").Single();
        Assert.Contains("Example 1: Send two widgets", example.Element(Maml + "title")!.Value);
        Assert.Equal("'a', 'b' | Send-Widget -Topic t", example.Element(Dev + "code")!.Value);
        Assert.Equal("Both go out; Send-Widget writes nothing.", Para(example.Element(Dev + "remarks")!));
        Assert.Equal("Error ids: WidgetBroken.", Para(send.Element(Maml + "alertSet")!.Element(Maml + "alert")!));
        Assert.Equal("Fluvio.HelpBuilder.Tests.Fixture.WidgetResult",
            send.Element(Command + "returnValues")!.Descendants(Maml + "name").Single().Value);
        Assert.Contains(send.Element(Command + "inputTypes")!.Descendants(Maml + "name"), n => n.Value == "System.String");
        Assert.Equal("Get-Widget", send.Element(Command + "relatedLinks")!.Descendants(Maml + "linkText").Single().Value);
    }

    [Fact]
    public void A_parameter_without_a_description_fails_and_writes_nothing()
    {
        File.WriteAllText(Path.Combine(_docs, "Send-Widget.md"), SendWidgetMarkdown.Replace("### -Partition\n\nThe partition.\n", ""));

        var problems = Run();

        var problem = Assert.Single(problems);
        Assert.Equal("FHB002", problem.Code);
        Assert.Contains("-Partition", problem.Message);
        Assert.False(File.Exists(Output));
    }

    [Theory]
    [InlineData("### -Partition\n", "### -Partiton\n", "FHB003")] // described, but not a parameter (and Partition now undescribed)
    [InlineData("## EXAMPLES\n", "## NOT EXAMPLES\n", "FHB004")]
    public void Markdown_that_does_not_match_the_cmdlet_fails(string from, string to, string code)
    {
        File.WriteAllText(Path.Combine(_docs, "Send-Widget.md"), SendWidgetMarkdown.Replace(from, to));

        Assert.Contains(Run(), p => p.Code == code);
    }

    [Fact]
    public void A_cmdlet_without_markdown_fails()
    {
        File.Delete(Path.Combine(_docs, "Get-Widget.md"));

        var problem = Assert.Single(Run());
        Assert.Equal("FHB001", problem.Code);
        Assert.Contains("Get-Widget", problem.ToString());
    }

    public void Dispose() => Directory.Delete(_docs, recursive: true);

    private IReadOnlyList<HelpProblem> Run() => HelpBuild.Run(typeof(SendWidgetCommand).Assembly.Location, _docs, Output);

    private List<XElement> Build()
    {
        Assert.Empty(Run());
        var root = XDocument.Load(Output).Root!;
        Assert.Equal(XName.Get("helpItems", "http://msh"), root.Name);
        return root.Elements(Command + "command").ToList();
    }

    private static string Name(XElement command) => command.Element(Command + "details")!.Element(Command + "name")!.Value;

    private static List<string> ParameterNames(XElement container) =>
        container.Elements(Command + "parameter").Select(p => p.Element(Maml + "name")!.Value).ToList();

    private static XElement Parameter(XElement container, string name) =>
        container.Elements(Command + "parameter").Single(p => p.Element(Maml + "name")!.Value == name);

    private static (string, string, string) Flags(XElement parameter) =>
        (parameter.Attribute("required")!.Value, parameter.Attribute("position")!.Value, parameter.Attribute("pipelineInput")!.Value);

    private static string Para(XElement element) => element.Element(Maml + "description")?.Element(Maml + "para")?.Value
        ?? element.Element(Maml + "para")!.Value;

    private static List<string> Paras(XElement command) =>
        command.Element(Maml + "description")!.Elements(Maml + "para").Select(p => p.Value).ToList();

    private const string SendWidgetMarkdown = """
        ---
        external help file: Fixture.dll-Help.xml
        ---

        # Send-Widget

        ## SYNOPSIS

        Sends widgets.

        ## DESCRIPTION

        Sends each widget.

        A second paragraph
        joined from two lines.

        ## EXAMPLES

        ### Example 1: Send two widgets

        ```powershell
        'a', 'b' | Send-Widget -Topic t
        ```

        Both go out; `Send-Widget` writes nothing.

        ## PARAMETERS

        ### -Topic

        The topic to send to.

        ### -Value

        A line.

        ### -InputObject

        An object.

        ### -KeySeparator

        Splits key from value.

        ### -Partition

        The partition.

        ### -Color

        The colour.

        ### -PassThru

        Writes a result.

        ### -Endpoint

        The broker.

        ## NOTES

        Error ids: WidgetBroken.

        ## RELATED LINKS

        - [Get-Widget](Get-Widget.md)

        """;

    private const string ClearWidgetMarkdown = """
        # Clear-Widget

        ## SYNOPSIS

        Clears widgets.

        ## DESCRIPTION

        Takes no parameters.

        ## EXAMPLES

        ### Example 1

        ```powershell
        Clear-Widget
        ```

        """;

    private const string GetWidgetMarkdown = """
        # Get-Widget

        ## SYNOPSIS

        Gets widgets.

        ## DESCRIPTION

        Lists them.

        ## EXAMPLES

        ### Example 1

        ```powershell
        Get-Widget w*
        ```

        ## PARAMETERS

        ### -Name

        Names, with wildcards.

        ### -Endpoint

        The broker.

        """;
}
