// The one member of the workerd module that the workerd-only tests use. (The full
// declarations, in @cloudflare/workers-types, would clash with the DOM types that the
// Node tests use.)
declare module "cloudflare:workers" {
  export const env: Record<string, unknown>;
}
