// Jest transformer: esbuild turns TypeScript and TDesign's ES modules into CommonJS.
// Chosen over ts-jest because type checking already runs in `npm run typecheck`;
// here we only need fast, faithful transpilation.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith('.ts') ? 'ts' : 'js';
    const result = transformSync(source, {
      loader,
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: true } },
    });
    return { code: result.code };
  },
};
