// The build of every published package: ESM and .d.ts from src/index.ts, for Node and
// workerd alike (platform neutral).
import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
  platform: "neutral",
});
