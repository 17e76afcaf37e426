/**
 * Go's text/tabwriter (elastic tabstops) as snap's commands use it: `tabwriter.NewWriter(out, 5, 3,
 * 2, ' ', 0)`, i.e. minwidth 5, padding 2, space padding, no flags. Same algorithm: a column is a
 * block of consecutive lines that have a tab-terminated cell at that index; its width is the widest
 * cell plus padding (at least minwidth); the text after a line's last tab is never padded. Widths
 * count code points, as Go counts runes. Pure.
 */
export interface TabwriterOptions {
  minwidth: number;
  padding: number;
}

export const SNAP_TABWRITER: TabwriterOptions = { minwidth: 5, padding: 2 };

const runeCount = (s: string) => Array.from(s).length;

/** Format text whose cells are separated by "\t" and lines by "\n". */
export function tabwrite(text: string, opts: TabwriterOptions = SNAP_TABWRITER): string {
  const endsWithNewline = text.endsWith("\n");
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split("\n");
  const lines = rawLines.map((l) => l.split("\t"));
  // Go's Flush keeps an unterminated last cell only when it has text: "a\tb\t" without a newline
  // ends with the tab-terminated cell "b".
  const last = lines[lines.length - 1];
  if (!endsWithNewline && last.length > 1 && last[last.length - 1] === "") last.pop();
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i];
      let s = "";
      cells.forEach((c, j) => {
        s += c;
        if (j < widths.length) s += " ".repeat(Math.max(0, widths[j] - runeCount(c)));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number) => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur].length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = opts.minwidth;
      for (; cur < line1; cur++) {
        const cells = lines[cur];
        if (column >= cells.length - 1) break;
        width = Math.max(width, runeCount(cells[column]) + opts.padding);
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join("\n") + (endsWithNewline ? "\n" : "");
}
