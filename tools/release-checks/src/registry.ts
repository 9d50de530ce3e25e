// A minimal npm registry on 127.0.0.1, started by a test: it serves packuments and
// tarballs for the packages it is given, accepts `npm publish` (as `pnpm publish` and
// `changeset publish` send it), and answers 404 for everything else. Nothing is proxied:
// an install that needs a package the registry does not hold fails instead of reaching
// the network.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { PackageJson } from "./workspace.ts";

export interface RegistryPackage {
  /** The tarball's bytes. */
  tarball: Uint8Array;
  /** The manifest (the tarball's package.json). */
  json: PackageJson;
}

export interface RegistryRequest {
  method: string;
  /** The package name or path asked for, decoded. */
  path: string;
  status: number;
}

export interface Registry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Every request, in order. */
  requests: RegistryRequest[];
  /** What was published to it, as `name@version`, in order. */
  published: string[];
  /** The manifests it holds for a package name. */
  versions(name: string): string[];
  close(): Promise<void>;
}

/** The package.json inside a tarball. */
export function tarballManifest(tarball: string): PackageJson {
  const text = execFileSync("tar", ["-xzOf", tarball, "package/package.json"], {
    encoding: "utf8",
  });
  return JSON.parse(text) as PackageJson;
}

export function readRegistryPackage(tarball: string): RegistryPackage {
  return { tarball: readFileSync(tarball), json: tarballManifest(tarball) };
}

function tarballName(name: string, version: string): string {
  return `${name.replace("@", "").replace("/", "-")}-${version}.tgz`;
}

/** Starts the registry with `packages` on a free loopback port. */
export async function startRegistry(packages: RegistryPackage[] = []): Promise<Registry> {
  const manifests = new Map<string, Map<string, PackageJson & { dist: object }>>();
  const tarballs = new Map<string, Uint8Array>();
  const requests: RegistryRequest[] = [];
  const published: string[] = [];
  let base = "";

  const add = ({ tarball, json }: RegistryPackage) => {
    const file = tarballName(json.name, json.version);
    tarballs.set(file, tarball);
    const versions = manifests.get(json.name) ?? new Map();
    manifests.set(json.name, versions);
    versions.set(json.version, {
      ...json,
      dist: {
        tarball: `${base}-/tarballs/${file}`,
        integrity: `sha512-${createHash("sha512").update(tarball).digest("base64")}`,
        shasum: createHash("sha1").update(tarball).digest("hex"),
      },
    });
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const path = decodeURIComponent((request.url ?? "/").split("?")[0] ?? "/").slice(1);
      const answer = (status: number, body: unknown, type = "application/json") => {
        requests.push({ method: request.method ?? "GET", path, status });
        response.writeHead(status, { "content-type": type });
        response.end(body instanceof Uint8Array ? body : JSON.stringify(body));
      };
      if (request.method === "GET" && path.startsWith("-/tarballs/")) {
        const tarball = tarballs.get(path.slice("-/tarballs/".length));
        return tarball
          ? answer(200, tarball, "application/octet-stream")
          : answer(404, { error: "not found" });
      }
      if (request.method === "GET" && manifests.has(path)) {
        const versions = manifests.get(path) as Map<string, PackageJson>;
        const latest = [...versions.keys()].at(-1) as string;
        return answer(200, {
          name: path,
          "dist-tags": { latest },
          versions: Object.fromEntries(versions),
        });
      }
      if (request.method === "PUT" && !path.startsWith("-/")) {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          versions: Record<string, PackageJson>;
          _attachments: Record<string, { data: string }>;
        };
        const [json] = Object.values(body.versions);
        const [attachment] = Object.values(body._attachments);
        if (!json || !attachment) return answer(400, { error: "no version or tarball" });
        if (manifests.get(json.name)?.has(json.version)) {
          return answer(403, { error: `${json.name}@${json.version} is already published` });
        }
        add({ json, tarball: Buffer.from(attachment.data, "base64") });
        published.push(`${json.name}@${json.version}`);
        return answer(201, { ok: true });
      }
      return answer(404, { error: "not found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  for (const pkg of packages) add(pkg);
  return {
    url: base,
    requests,
    published,
    versions: (name) => [...(manifests.get(name)?.keys() ?? [])],
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
