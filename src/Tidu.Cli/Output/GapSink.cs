using System.Globalization;
using Spectre.Console;
using Tidu.Domain.Display;
using Tidu.Domain.Profiles;
using Tidu.Rules.Gaps;

namespace Tidu.Cli.Output;

/// <summary>
/// Where gap results go: one JSON line per (enterprise, tier), or a Chinese table of the changes. An enterprise's
/// results are rendered first (inside its record's isolation), then added (only writing): all its lines or none.
/// </summary>
internal abstract class GapSink : IDisposable
{
    /// <summary>One enterprise's results ready to be written: for JSON Lines, their lines.</summary>
    public sealed record Rendered(EnterpriseProfile Profile, IReadOnlyList<GapResult> Results, IReadOnlyList<string> Lines);

    public virtual Rendered Render(EnterpriseProfile profile, IReadOnlyList<GapResult> results) => new(profile, results, []);

    public abstract void Add(Rendered rendered);

    public abstract void Dispose();

    public static GapSink For(string format, TextWriter stdout, DateOnly asOf) =>
        format == "table" ? new Table(stdout, asOf) : new JsonLines(stdout);

    private sealed class JsonLines(TextWriter stdout) : GapSink
    {
        public override Rendered Render(EnterpriseProfile profile, IReadOnlyList<GapResult> results) => new(profile, results, results.Select(GapJsonWriter.Line).ToList());

        public override void Add(Rendered rendered)
        {
            foreach (var line in rendered.Lines)
            {
                stdout.WriteLine(line);
            }
        }

        public override void Dispose() => stdout.Flush();
    }

    private sealed class Table(TextWriter stdout, DateOnly asOf) : GapSink
    {
        private static readonly Dictionary<Effort, string> Efforts = new()
        {
            [Effort.Actionable] = "可自主实施",
            [Effort.Performance] = "经营成果",
            [Effort.External] = "外部评定",
            [Effort.Structural] = "产品/领域",
            [Effort.Blocked] = "无法调整",
        };

        private readonly List<(EnterpriseProfile Profile, IReadOnlyList<GapResult> Results)> _rows = [];

        public override void Add(Rendered rendered) => _rows.Add((rendered.Profile, rendered.Results));

        public override void Dispose()
        {
            var console = ConsoleFor.Create(stdout, 200);
            if (_rows.Count == 0)
            {
                console.WriteLine("没有可分析的企业。");
                return;
            }
            foreach (var (profile, results) in _rows)
            {
                console.MarkupLine($"[bold]{Markup.Escape(profile.Name)}[/]（{Markup.Escape(profile.CreditCode)}）· 评价日期 {asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
                if (results.Count == 0)
                {
                    console.WriteLine("    无需分析：各梯度均已符合，或已处于梯度阶梯最高级。");
                }
                foreach (var r in results)
                {
                    var mark = r.Qualified ? "[green]已符合[/]" : r.Reachable ? "[yellow]可达[/]" : "[red]暂不可达[/]";
                    console.MarkupLine($"  {Markup.Escape(r.Title)}{(r.Next ? "（下一梯度）" : "")}：{mark}　{Markup.Escape(r.Note)}");
                    if (r.Changes.Count == 0 && r.Blockers.Count == 0)
                    {
                        continue;
                    }
                    var table = new Spectre.Console.Table().Border(TableBorder.Rounded);
                    table.AddColumn("检查项");
                    table.AddColumn("数据项");
                    table.AddColumn(new TableColumn("当前").RightAligned());
                    table.AddColumn(new TableColumn("需要").RightAligned());
                    table.AddColumn("单位");
                    table.AddColumn("类型");
                    // Fields and values by their Chinese names (the JSON lines keep the pointers and raw values).
                    var yearAt = FieldNames.YearsOf(profile);
                    foreach (var c in r.Changes)
                    {
                        table.AddRow(Markup.Escape(c.Title), Markup.Escape(FieldNames.Of(c.Path, yearAt)), Markup.Escape(c.Current is null ? "未填报" : ValueText.Of(c.Current)),
                            Markup.Escape(c.Needed is null ? "" : ValueText.Of(c.Needed)), Markup.Escape(c.Unit ?? ""), Efforts[c.Effort]);
                    }
                    foreach (var b in r.Blockers)
                    {
                        table.AddRow(Markup.Escape(b.Title), Markup.Escape(b.Path is null ? "" : FieldNames.Of(b.Path, yearAt)), Markup.Escape(b.Current is null ? "" : ValueText.Of(b.Current)),
                            Markup.Escape(b.Earliest is { } d ? "自" + d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ""), "", $"[red]{Efforts[Effort.Blocked]}[/]");
                    }
                    console.Write(table);
                }
            }
        }
    }
}
