/**
 * SPDX license expressions as snapd 2.57.6 validates snap.yaml's `license` (its spdx package):
 * known license ids (spdx-licenses.ts) joined by AND/OR, `id WITH exception`, parentheses.
 * Tokens are separated by spaces and newlines only (a tab is part of a token) and parentheses.
 * Pure. Iterative: a license of 100,000 "(" costs no stack.
 */
import { SPDX_EXCEPTIONS, SPDX_LICENSES } from "./spdx-licenses";

const AND = "AND";
const OR = "OR";
const WITH = "WITH";
const isOperator = (t: string) => t === AND || t === OR || t === WITH;

function* tokens(expr: string): Generator<string> {
  const re = /[()]|[^ \n()]+/g;
  for (let m = re.exec(expr); m; m = re.exec(expr)) yield m[0];
}

/** What is wrong with a token at this point of the expression, given the previous token. */
function tokenProblem(tok: string, last: string): string | null {
  if (isOperator(tok)) {
    if (last === "") return `missing license before ${tok}`;
    if (last === AND || last === OR) return `expected license name, got ${JSON.stringify(tok)}`;
    if (tok === WITH && last === "(") return `expected license name before ${tok}`;
    if (last === WITH) return `expected exception name, got ${JSON.stringify(tok)}`;
    return null;
  }
  if (last === WITH) return SPDX_EXCEPTIONS.has(tok) ? null : `unknown license exception: ${tok}`;
  if (last === "" || last === AND || last === OR) return SPDX_LICENSES.has(tok) ? null : `unknown license: ${tok}`;
  if (SPDX_LICENSES.has(last) && SPDX_LICENSES.has(tok)) return `missing AND or OR between ${JSON.stringify(last)} and ${JSON.stringify(tok)}`;
  return `unexpected string: ${JSON.stringify(tok)}`;
}

/** null when the expression is valid, else snapd's reason. */
export function validateLicenseExpression(expr: string): string | null {
  // One `last` per open parenthesis; after a closed group, the enclosing level's last token is
  // "(" (snapd's recursive parser leaves it so), so "(MIT) Apache-2.0" is refused.
  const stack: string[] = [];
  let last = "";
  for (const tok of tokens(expr)) {
    if (tok === "(") {
      if (last === WITH) return `"(" not allowed after WITH`;
      stack.push("(");
      last = "";
      continue;
    }
    if (tok === ")") {
      if (stack.length === 0) return `unexpected ")"`;
      if (last === "") return "empty expression";
      last = stack.pop()!;
      continue;
    }
    const problem = tokenProblem(tok, last);
    if (problem) return problem;
    last = tok;
  }
  if (stack.length > 0) {
    if (isOperator(last)) return `missing license after ${last}`;
    if (last === "") return "empty expression";
    return `expected ")" at the end of the expression`;
  }
  if (isOperator(last)) return `missing license after ${last}`;
  if (last === "") return "empty expression";
  return null;
}
