/**
 * The async batch request (`{ requests: [...] }`), which about twenty models accept
 * beside their single request, to queue many at once (`queueRequest`): written by hand,
 * generic over the request, and used by the generated models wherever their JSON Schema
 * has this shape. Checked against each model's JSON Schema by the differential tests.
 *
 * `requests` is required: a few models publish it as optional, which makes a single
 * request match the batch branch too; `data/_supplements.json` corrects them.
 *
 * @module
 */
import * as v from "valibot";
import { jsonObject } from "./json-object.js";

/** A batch of requests for the async queue. */
export interface AsyncBatch<Request> {
  /** The requests of the batch. */
  requests: Request[];
}

/**
 * The schema of an {@link AsyncBatch} of requests of the given schema. Unknown keys are
 * kept.
 */
/* @__NO_SIDE_EFFECTS__ */
export function asyncBatch<const Request extends v.GenericSchema>(request: Request) {
  return jsonObject({ requests: v.array(request) });
}
