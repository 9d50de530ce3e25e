// Errors as RFC 9457 problem details (`application/problem+json`): the status, what was
// wrong, and the Workers AI code when the failure came from the model.
import { AiClientError } from "@wai/ai-client";

/** A problem details object, as the routes answer it. */
export interface Problem {
  /** A URI naming the kind of problem (`about:blank` when the status says it all). */
  type: string;
  /** A short summary of the kind of problem. */
  title: string;
  /** The HTTP status. */
  status: number;
  /** What was wrong with this request. */
  detail: string;
  /** The Workers AI error code, when the model's service gave one. */
  code?: number;
  /** Whether trying again may succeed. */
  retryable?: boolean;
}

/** A thrown problem: a route stops with it, and the router answers it. */
export class HttpProblem extends Error {
  readonly problem: Problem;
  constructor(status: number, title: string, detail: string, extra: Partial<Problem> = {}) {
    super(detail);
    this.problem = { type: "about:blank", title, status, detail, ...extra };
  }
}

/** The problem response of an error: an {@link HttpProblem}, a typed client error, or a bug. */
export function problemResponse(error: unknown): Response {
  const problem = problemOf(error);
  return Response.json(problem, {
    status: problem.status,
    headers: { "content-type": "application/problem+json" },
  });
}

/** The problem an error stands for. */
export function problemOf(error: unknown): Problem {
  if (error instanceof HttpProblem) return error.problem;
  if (AiClientError.isInstance(error)) {
    const status =
      error.kind === "invalid-input" ? 400 : error.kind === "timeout" ? 504 : (error.status ?? 502);
    return {
      type: "about:blank",
      title: error.kind === "invalid-input" ? "Invalid input" : "Workers AI error",
      status: status >= 400 && status < 600 ? status : 502,
      detail: error.message,
      ...(error.code === undefined ? {} : { code: error.code }),
      retryable: error.retryable,
    };
  }
  return {
    type: "about:blank",
    title: "Internal error",
    status: 500,
    detail: error instanceof Error ? error.message : String(error),
  };
}
