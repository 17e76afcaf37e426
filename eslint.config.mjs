// ESLint (flat config): typescript-eslint, Next's rules, React hooks, and the import boundaries
// (app -> components -> lib, pure lib modules) enforced as errors. `npm run lint` runs it (cached in
// node_modules/.cache/eslint); test/lint/boundaries.test.ts proves the boundaries on fixture files.
import path from "node:path";
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const root = import.meta.dirname;

// ---------------------------------------------------------------------------------------------
// Import boundaries. Each entry: the files it applies to (repo-relative globs), the folders of the
// repository they must not import (matched after resolving `@/...` and relative paths, so
// `../../app/x` and `@/app/x` are the same import), and the packages they must not import.

/** Pure rules: snap.yaml, policy, review and (when they exist) schemas, assertions, catalogue. */
export const PURE = ["lib/snap", "lib/policy", "lib/review", "lib/schemas", "lib/assertions", "lib/catalogue", "lib/devices", "lib/search"];

const BOUNDARIES = [
  {
    rule: "components-imports",
    files: ["components/**"],
    folders: ["app"],
    why: "components/ never imports app/ (move shared code to lib/)",
  },
  {
    rule: "lib-imports",
    files: ["lib/**"],
    folders: ["app", "components"],
    why: "lib/ never imports app/ or components/",
  },
  {
    rule: "pure-imports",
    files: PURE.map((dir) => `${dir}/**`),
    folders: ["lib/db", "lib/generated", "lib/server", "lib/api", "lib/auth", "lib/storage"],
    // Reading files is allowed (lib/snap reads .snap images); databases, servers and frameworks are not.
    packages: ["next", "react", "react-dom", "next-auth", "server-only", "@prisma/*", "prisma", "pg", "better-sqlite3"],
    why: "pure rules import no database, server or framework code",
  },
];

/** The repo-relative path an import points at, or null for a package. */
function importTarget(spec, filename) {
  if (spec.startsWith("@/")) return path.posix.normalize(spec.slice(2));
  if (spec === "." || spec === ".." || spec.startsWith("./") || spec.startsWith("../")) {
    return path
      .relative(root, path.resolve(path.dirname(filename), spec))
      .split(path.sep)
      .join("/");
  }
  return null;
}

/** Whether a package specifier names a package in the list (`@prisma/*` = the whole scope; subpaths count). */
function packageMatches(spec, name) {
  if (name.endsWith("/*")) return spec.startsWith(name.slice(0, -1));
  return spec === name || spec.startsWith(`${name}/`);
}

const boundaryRule = {
  meta: {
    type: "problem",
    docs: { description: "Imports point one way: app -> components -> lib; pure lib modules import no database, server or framework code" },
    schema: [
      {
        type: "object",
        properties: { folders: { type: "array", items: { type: "string" } }, packages: { type: "array", items: { type: "string" } }, why: { type: "string" } },
        additionalProperties: false,
      },
    ],
    messages: { forbidden: "'{{spec}}' crosses a boundary: {{why}}" },
  },
  create(context) {
    const { folders = [], packages = [], why = "" } = context.options[0] ?? {};
    const check = (node) => {
      if (!node || node.type !== "Literal" || typeof node.value !== "string") return;
      const spec = node.value;
      const target = importTarget(spec, context.filename);
      const hit = target !== null ? folders.some((f) => target === f || target.startsWith(`${f}/`)) : packages.some((p) => packageMatches(spec, p));
      if (hit) context.report({ node, messageId: "forbidden", data: { spec, why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
      // require("x") in the odd CommonJS spot.
      CallExpression: (node) => {
        if (node.callee.type === "Identifier" && node.callee.name === "require") check(node.arguments[0]);
      },
    };
  },
};

// One rule implementation under three names: a file in lib/snap is checked by both lib-imports
// and pure-imports, and one rule name can carry only one set of options per file.
const snapstorePlugin = { rules: Object.fromEntries(BOUNDARIES.map((b) => [b.rule, boundaryRule])) };

const boundaryConfigs = BOUNDARIES.map((b) => ({
  name: `snapstore/${b.rule}`,
  files: b.files,
  plugins: { snapstore: snapstorePlugin },
  rules: { [`snapstore/${b.rule}`]: ["error", { folders: b.folders, packages: b.packages ?? [], why: b.why }] },
}));

export default defineConfig(
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "lib/generated/**",
      "data/**",
      "test-results/**",
      "test-results-data-*/**",
      "playwright-report/**",
      "bench-results/**",
      "next-env.d.ts",
      // Lint fixtures break the rules on purpose; test/lint/boundaries.test.ts lints them itself.
      "test/lint/fixtures/**",
    ],
  },
  js.configs.recommended,
  // Syntax-only typescript-eslint rules. The type-aware ones (no-floating-promises,
  // no-misused-promises, await-thenable) were measured: they add ~35 s of CPU to a ~20 s run (the
  // type checker builds the whole program again after tsc has) and found no bug here, only React's
  // `onSubmit={async ...}` pattern, so they are left out; `npm run typecheck` does the type work.
  tseslint.configs.recommended,
  {
    files: ["**/*.{mjs,js,cjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: { ...nextPlugin.configs["core-web-vitals"].rules, ...reactHooks.configs.flat.recommended.rules },
  },
  {
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring to drop a field, ignored parameters).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Validators match control characters on purpose (snap.yaml, URLs and paths must refuse them
      // as snapd and libyaml do); the rule cannot tell that from a typo.
      "no-control-regex": "off",
    },
  },
  {
    // Functions in lib/ stay short enough to read at once; a longer one says why in a disable
    // comment on the line above it (decoders ported from C, a checklist read top to bottom).
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts"],
    rules: { "max-lines-per-function": ["error", { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  ...boundaryConfigs,
);
