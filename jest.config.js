// Tests run on the compiled output (npm test builds first), so what is tested is what ships.
"use strict";
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/dist/test"],
  testMatch: ["**/*.test.js"],
  maxWorkers: 2,
  testTimeout: 30000,
};
