// Publisher-written markdown rendered to HTML that is safe to inject: marked renders, then
// sanitize-html keeps a small allow-list (no raw HTML, scripts, styles or javascript: links).
import { marked } from "marked";
import sanitizeHtml from "sanitize-html";

export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: false }) as string;
  return sanitizeHtml(html, {
    allowedTags: ["p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "a", "h1", "h2", "h3", "h4", "blockquote", "hr"],
    allowedAttributes: { a: ["href", "title", "rel"] },
    allowedSchemes: ["http", "https", "mailto"],
    transformTags: { a: sanitizeHtml.simpleTransform("a", { rel: "nofollow noopener noreferrer" }) },
  });
}
