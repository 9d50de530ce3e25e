import { defineConfig } from "tsup";
import shared from "../../tsup.shared.ts";

// Module by module, not one bundle: with "sideEffects": false, a bundler then drops the
// file of every model a Worker does not import, so one model never brings the catalog.
export default defineConfig({
  ...(shared as object),
  entry: ["src/**/*.ts", "!src/**/*.test.ts", "!src/**/*.test-d.ts"],
  bundle: false,
});
