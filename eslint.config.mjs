import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/**", ".dev/**", "node_modules/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": ["error", { allow: ["error"] }],
    },
  },
  {
    // The emulator reads the vendor docs on its own: sharing sdk code would let a misreading agree with itself.
    files: ["emulator/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["**/sdk", "**/sdk/**", "**/provider/**", "@pulumi/*"] }] },
  },
  {
    // sdk/ is plain TypeScript: no Pulumi, no provider code.
    files: ["sdk/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ["**/provider/**", "**/emulator/**", "@pulumi/*"] }] },
  },
  {
    files: ["emulator/cli.ts", "scripts/**/*.ts"],
    rules: { "no-console": "off" },
  },
);
