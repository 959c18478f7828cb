// Tests run on the compiled output (npm test builds first), so what is tested is what ships.
"use strict";
module.exports = {
  testEnvironment: "node",
  // DBB_TEST_ROOT: scripts/dev-test.sh compiles to a private folder so parallel work never shares dist/.
  roots: [process.env.DBB_TEST_ROOT ?? "<rootDir>/dist/test"],
  testMatch: ["**/*.test.js"],
  maxWorkers: 2,
  testTimeout: 30000,
};
