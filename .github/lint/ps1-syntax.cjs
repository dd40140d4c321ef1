// PowerShell syntax check for ci/lint.sh: parses each file with the
// tree-sitter PowerShell grammar (WebAssembly, no PowerShell needed) and
// prints FILE:LINE:COL for each syntax error or missing token.
// A grammar parse, not PSScriptAnalyzer: it catches unbalanced blocks,
// broken expressions and strings, not semantics.
//   node ps1-syntax.cjs FILE...   (NODE_PATH = the tools' node_modules)
'use strict';
const fs = require('fs');
const { Parser, Language } = require('web-tree-sitter');

(async () => {
  await Parser.init();
  const wasm = require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm');
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasm));
  let bad = 0;
  for (const file of process.argv.slice(2)) {
    let src;
    try {
      src = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    } catch (e) {
      console.log(`${file}: cannot read: ${e.code || e.message}`);
      bad++;
      continue;
    }
    const errors = [];
    const walk = (n) => {
      if (n.isError || n.isMissing) errors.push(n);
      else if (n.hasError) for (const c of n.children) walk(c);
    };
    walk(parser.parse(src).rootNode);
    for (const e of errors) {
      const what = e.isMissing ? `missing ${e.type}` : 'syntax error';
      const text = src.slice(e.startIndex, e.startIndex + 60).split('\n')[0];
      console.log(`${file}:${e.startPosition.row + 1}:${e.startPosition.column + 1}: ${what}: ${text}`);
    }
    if (errors.length) bad++;
  }
  process.exit(bad ? 1 : 0);
})().catch((e) => {
  console.log(`ps1-syntax: ${e.message}`);
  process.exit(1);
});
