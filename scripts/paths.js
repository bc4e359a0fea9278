// Resolves the @app/* library aliases of tsconfig.json against the compiled output in dist/.
const path = require('path');
const tsConfig = require('../tsconfig.json');
require('tsconfig-paths').register({
  baseUrl: path.join(__dirname, '..', 'dist'),
  paths: tsConfig.compilerOptions.paths,
});
