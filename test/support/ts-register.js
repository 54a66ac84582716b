/**
 * `node -r test/support/ts-register.js main.ts`: lets tests run the TypeScript entry
 * points in a child process, from the sources under test rather than a possibly stale
 * dist/. Transpile only (isolatedModules): `npm test` type-checks beforehand.
 */
const { readFileSync } = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  });
  module._compile(outputText, filename);
};
