// PURE: how deeply markdown nests blockquotes and lists, in one linear pass, so that a description
// like 4,096 ">" (within the length limit) is refused at save time and never reaches the renderer,
// whose recursion it would overflow.

/** No real description nests deeper; the renderer's recursion is safe far beyond it. */
export const MAX_MARKDOWN_NESTING = 16;

const LIST_MARKER = /(?:[-*+]|\d{1,9}[.)])(?=\s|$)/y;

/** The deepest nesting of any line: ">" markers, list markers and indentation (2 spaces a level) at its start. */
export function markdownNestingDepth(text: string): number {
  let max = 0;
  for (const line of text.split("\n")) {
    let depth = 0;
    let i = 0;
    let spaces = 0;
    while (i < line.length) {
      const c = line[i];
      if (c === " ") {
        spaces++;
        i++;
      } else if (c === "\t") {
        spaces += 4;
        i++;
      } else if (c === ">") {
        depth++;
        i++;
        // The one space that separates a marker from its content is not indentation.
        if (line[i] === " ") i++;
      } else {
        LIST_MARKER.lastIndex = i;
        const m = LIST_MARKER.exec(line);
        if (!m) break;
        depth++;
        i += m[0].length;
        if (line[i] === " ") i++;
      }
    }
    depth += Math.floor(spaces / 2);
    if (depth > max) max = depth;
  }
  return max;
}
