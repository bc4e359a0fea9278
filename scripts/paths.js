// Resolves the @app/* library aliases of tsconfig.json against the compiled output the main script
// runs from: dist/ (what ships, `npm run build`: no test-data factories) or dist-tools/ (the bench
// and the demo, with the factories they generate their load from: `npm run build:tools`).
const path = require('path');
const tsConfig = require('../tsconfig.json');
const root = path.join(__dirname, '..');
const main = process.argv[1] ? path.relative(root, path.resolve(process.argv[1])) : '';
const outDir = main.split(path.sep)[0] === 'dist-tools' ? 'dist-tools' : 'dist';
require('tsconfig-paths').register({
  baseUrl: path.join(root, outDir),
  paths: tsConfig.compilerOptions.paths,
});
