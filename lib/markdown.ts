// Publisher-written markdown rendered to HTML that is safe to inject: marked renders, then
// sanitize-html keeps a small allow-list (no raw HTML, scripts, styles or javascript: links).
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";
import { MAX_MARKDOWN_NESTING, markdownNestingDepth } from "./markdown-depth";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * Renders bounded: text nested deeper than the save-time limit (a snap.yaml description never went
 * through the listing form) is shown as plain paragraphs instead of parsed, so no input can
 * overflow the renderer's recursion.
 */
export function renderMarkdown(text: string): string {
  if (markdownNestingDepth(text) > MAX_MARKDOWN_NESTING) {
    return text
      .split(/\n{2,}/)
      .map((p) => `<p>${escapeHtml(p)}</p>\n`)
      .join("");
  }
  const html = marked.parse(text, { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, {
    allowedTags: ["p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "blockquote", "hr"],
    allowedAttributes: { a: ["href", "title", "rel"] },
    allowedSchemes: ["http", "https", "mailto"],
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer" }) },
  });
}
