import { defineConfig } from "tsup";
import shared from "../../tsup.shared.ts";

// The package, and its test helpers on their own entry (`@wai/typed-stream/test`).
export default defineConfig({
  ...(shared as object),
  entry: ["src/index.ts", "src/testing.ts"],
});
