using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Sim.Output;

namespace Sim.Viz.Plots;

/// <summary>
/// <c>report.html</c> beside <c>report.md</c>: the same report as one self-contained page, its charts embedded as
/// base64 PNGs, so it can be mailed or archived without the plots folder. It renders the small part of markdown
/// the reports use (headings, paragraphs, lists, tables, images, bold, italics, code) and is a pure function of the
/// markdown and the charts, so the same inputs give the same bytes.
/// </summary>
public static partial class HtmlReport
{
    private const string Style = "body{font-family:sans-serif;max-width:960px;margin:2em auto;padding:0 1em;line-height:1.45;color:#222}"
        + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em}td.r,th.r{text-align:right}"
        + "th{background:#f3f3f3}img{max-width:100%}code{background:#f3f3f3;padding:0 .2em}";

    /// <summary>
    /// Writes a report as <c>NAME.md</c> and as <c>NAME.html</c> (one page, its charts embedded) into
    /// <paramref name="folder"/>, after its charts; returns both paths.
    /// </summary>
    public static (string Markdown, string Html) WriteReport(string folder, string markdown, string name = "report")
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var path = Path.Combine(folder, name + ".md");
        AtomicFile.WriteText(path, w => w.Write(markdown));
        return (path, Write(folder, markdown, name + ".html"));
    }

    /// <summary>
    /// Writes <paramref name="file"/> (<c>report.html</c> unless named) into <paramref name="folder"/> from
    /// <paramref name="markdown"/>, the charts it shows read relative to the folder and embedded; returns its path.
    /// </summary>
    public static string Write(string folder, string markdown, string file = "report.html")
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var path = Path.Combine(folder, file);
        var html = Render(markdown, relative => Path.Combine(folder, relative));
        AtomicFile.WriteText(path, w => w.Write(html));
        return path;
    }

    /// <summary>The page for <paramref name="markdown"/>; <paramref name="resolve"/> maps an image's path to a file.</summary>
    internal static string Render(string markdown, Func<string, string> resolve)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var title = lines.FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..] ?? "Report";
        var sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n<style>").Append(Style).Append("</style>\n</head>\n<body>\n");
        for (var i = 0; i < lines.Length;)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                i++;
            }
            else if (line.StartsWith('#'))
            {
                var level = Math.Min(6, line.TakeWhile(c => c == '#').Count());
                sb.Append($"<h{level}>").Append(Inline(line[level..].Trim())).Append($"</h{level}>\n");
                i++;
            }
            else if (line.StartsWith('|'))
            {
                var rows = new List<string>();
                while (i < lines.Length && lines[i].StartsWith('|'))
                {
                    rows.Add(lines[i++]);
                }

                Table(sb, rows);
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                sb.Append("<ul>\n");
                while (i < lines.Length && lines[i].StartsWith("- ", StringComparison.Ordinal))
                {
                    sb.Append("<li>").Append(Inline(lines[i++][2..])).Append("</li>\n");
                }

                sb.Append("</ul>\n");
            }
            else if (ImageLine().Match(line) is { Success: true } image)
            {
                sb.Append("<p><img alt=\"").Append(WebUtility.HtmlEncode(image.Groups[1].Value)).Append("\" src=\"")
                    .Append(Source(image.Groups[2].Value, resolve)).Append("\"></p>\n");
                i++;
            }
            else
            {
                var paragraph = new List<string>();
                while (i < lines.Length && lines[i].Length > 0 && !lines[i].StartsWith('#') && !lines[i].StartsWith('|')
                       && !lines[i].StartsWith("- ", StringComparison.Ordinal) && !ImageLine().IsMatch(lines[i]))
                {
                    paragraph.Add(lines[i++]);
                }

                sb.Append("<p>").Append(Inline(string.Join(' ', paragraph))).Append("</p>\n");
            }
        }

        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Table(StringBuilder sb, List<string> rows)
    {
        var header = Cells(rows[0]);
        var align = rows.Count > 1 ? Cells(rows[1]).Select(c => c.EndsWith(':') && !c.StartsWith(':')).ToArray() : [];
        sb.Append("<table>\n<tr>");
        for (var c = 0; c < header.Count; c++)
        {
            sb.Append(c < align.Length && align[c] ? "<th class=\"r\">" : "<th>").Append(Inline(header[c])).Append("</th>");
        }

        sb.Append("</tr>\n");
        foreach (var row in rows.Skip(2))
        {
            var cells = Cells(row);
            sb.Append("<tr>");
            for (var c = 0; c < cells.Count; c++)
            {
                sb.Append(c < align.Length && align[c] ? "<td class=\"r\">" : "<td>").Append(Inline(cells[c])).Append("</td>");
            }

            sb.Append("</tr>\n");
        }

        sb.Append("</table>\n");
    }

    /// <summary>The cells of a table row; <c>\|</c> is a literal bar.</summary>
    private static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var body = row.Trim();
        body = body.EndsWith('|') && !body.EndsWith("\\|", StringComparison.Ordinal) ? body[1..^1] : body[1..];
        for (var k = 0; k < body.Length; k++)
        {
            if (body[k] == '\\' && k + 1 < body.Length && body[k + 1] == '|')
            {
                cell.Append('|');
                k++;
            }
            else if (body[k] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(body[k]);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private static string Source(string relative, Func<string, string> resolve)
    {
        var file = resolve(relative);
        return File.Exists(file) && relative.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
            ? "data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(file))
            : WebUtility.HtmlEncode(relative);
    }

    private static string Inline(string text)
    {
        var s = WebUtility.HtmlEncode(text);
        s = Code().Replace(s, "<code>$1</code>");
        s = Bold().Replace(s, "<strong>$1</strong>");
        return Italic().Replace(s, "<em>$1</em>");
    }

    [GeneratedRegex(@"^!\[([^\]]*)\]\(([^)]+)\)$")]
    private static partial Regex ImageLine();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [GeneratedRegex(@"\*\*([^*]+)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![*\w])\*([^*\s][^*]*)\*(?![*\w])")]
    private static partial Regex Italic();
}
