'use strict';
// verify8x8/phone for Node's `require()`: Node 20.19+ (and 22.12+) load the ES
// module entry synchronously with require(), since it has no top-level await.
// One module instance serves `import` and `require` alike.
try {
  module.exports = require('./node.mjs');
} catch (error) {
  if (error && error.code === 'ERR_REQUIRE_ESM') {
    throw new Error(
      `verify8x8/phone: require() of this package needs Node 20.19 or newer (this is ${process.version}); ` +
        "upgrade Node, or use `await import('verify8x8/phone')`",
      { cause: error },
    );
  }
  throw error;
}
