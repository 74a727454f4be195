// ESLint (9, flat config) for the page scripts: npx --yes eslint@9.39.5 overrides/assets/javascripts
// This file imports nothing, so it runs with the eslint package alone (.ci/run): the rules of
// "eslint:recommended" are written out below, with the guide's own rules after them.

// the browser names the scripts may use: anything else, fetch or XMLHttpRequest say, fails the lint
const browser = [
  "window", "document", "Intl", "TextEncoder", "Blob", "URL", "CustomEvent",
];

// every rule of "eslint:recommended" (ESLint 9.39)
const recommended = [
  "constructor-super", "for-direction", "getter-return", "no-async-promise-executor", "no-case-declarations",
  "no-class-assign", "no-compare-neg-zero", "no-cond-assign", "no-const-assign", "no-constant-binary-expression",
  "no-constant-condition", "no-control-regex", "no-debugger", "no-delete-var", "no-dupe-args",
  "no-dupe-class-members", "no-dupe-else-if", "no-dupe-keys", "no-duplicate-case", "no-empty",
  "no-empty-character-class", "no-empty-pattern", "no-empty-static-block", "no-ex-assign",
  "no-extra-boolean-cast", "no-fallthrough", "no-func-assign", "no-global-assign", "no-import-assign",
  "no-invalid-regexp", "no-irregular-whitespace", "no-loss-of-precision", "no-misleading-character-class",
  "no-new-native-nonconstructor", "no-nonoctal-decimal-escape", "no-obj-calls", "no-octal",
  "no-prototype-builtins", "no-redeclare", "no-regex-spaces", "no-self-assign", "no-setter-return",
  "no-shadow-restricted-names", "no-sparse-arrays", "no-this-before-super", "no-undef",
  "no-unexpected-multiline", "no-unreachable", "no-unsafe-finally", "no-unsafe-negation",
  "no-unsafe-optional-chaining", "no-unused-labels", "no-unused-private-class-members", "no-unused-vars",
  "no-useless-backreference", "no-useless-catch", "no-useless-escape", "no-with", "require-yield",
  "use-isnan", "valid-typeof",
];

// data goes into pages as text, never as HTML; nothing is sent anywhere, nor kept beyond storage.js's keys
// (fetch, XMLHttpRequest, navigator and sessionStorage as bare names are already unknown globals above)
const asHtml = "set textContent or build elements: data is never parsed as HTML";
const forbidden = [
  { property: "innerHTML", message: asHtml },
  { property: "outerHTML", message: asHtml },
  { property: "insertAdjacentHTML", message: asHtml },
  { object: "document", property: "write", message: asHtml },
  { object: "document", property: "writeln", message: asHtml },
  { object: "document", property: "cookie", message: "the guide sets no cookies" },
  { object: "window", property: "sessionStorage", message: "the guide keeps only storage.js's keys, in localStorage" },
  { object: "window", property: "indexedDB", message: "the guide keeps only storage.js's keys, in localStorage" },
  { object: "window", property: "fetch", message: "nothing leaves the guide" },
  { object: "window", property: "XMLHttpRequest", message: "nothing leaves the guide" },
  { object: "window", property: "navigator", message: "nothing leaves the guide, nor is the browser asked about" },
];

// the search worker (workers/) runs where there is no window nor document: it reaches everything through self
const worker = ["self", "URL", "MessageEvent"];

const rules = {
  ...Object.fromEntries(recommended.map((rule) => [rule, "error"])),
  "no-restricted-properties": ["error", ...forbidden],
  "no-eval": "error",
  "no-implied-eval": "error",
  "no-new-func": "error",
  "no-script-url": "error",
  "no-implicit-globals": "error",
  "strict": ["error", "function"],
  "eqeqeq": "error",
  // the project's standards: small files, small functions
  "max-lines": ["error", { max: 200 }],
  "max-lines-per-function": ["error", { max: 60 }],
};

function scripts(files, names, ignores = []) {
  return {
    files,
    ignores,
    languageOptions: {
      ecmaVersion: 2020,
      // plain scripts, not modules: Chromium refuses modules from file://, where a guide opened from disk lives
      sourceType: "script",
      globals: Object.fromEntries(names.map((name) => [name, "readonly"])),
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules,
  };
}

const WORKERS = "overrides/assets/javascripts/workers/**/*.js";
export default [
  scripts(["overrides/assets/javascripts/**/*.js"], browser, [WORKERS]),
  scripts([WORKERS], worker),
];
