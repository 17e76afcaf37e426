// PURE: the /NAME/badge.svg image (shields-style): the snap's title and its latest/stable version.

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
/** Rough text width of Verdana 11px, enough for a badge. */
const width = (s: string) => Math.round([...s].length * 6.5) + 12;

export function badgeSvg(title: string, version: string | null): string {
  const left = title.length > 40 ? `${title.slice(0, 39)}…` : title;
  const right = version ? (version.length > 32 ? `${version.slice(0, 31)}…` : version) : "not on stable";
  const lw = width(left);
  const rw = width(right);
  const color = version ? "#e95420" : "#9f9f9f";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + rw}" height="20" role="img" aria-label="${esc(`${left}: ${right}`)}">`,
    `<title>${esc(`${left}: ${right}`)}</title>`,
    `<rect width="${lw}" height="20" fill="#555"/>`,
    `<rect x="${lw}" width="${rw}" height="20" fill="${color}"/>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${lw / 2}" y="14">${esc(left)}</text>`,
    `<text x="${lw + rw / 2}" y="14">${esc(right)}</text>`,
    `</g></svg>`,
  ].join("");
}
