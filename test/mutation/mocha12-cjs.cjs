// Stryker's mocha runner (10.x) requires mocha's CLI helpers by extensionless paths
// (`mocha/lib/cli/run-helpers`); mocha 12 ships them as `.cjs` files. Letting `require` try `.cjs`
// the way it tries `.js` makes those paths resolve. Preloaded by `npm run mutation` only.
/* global require */
"use strict";
require.extensions[".cjs"] ??= require.extensions[".js"];
