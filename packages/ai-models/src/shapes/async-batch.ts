/**
 * The async batch request (`{ requests: [...] }`), which about twenty models accept
 * beside their single request, to queue many at once (`queueRequest`): written by hand,
 * generic over the request, and used by the generated models wherever their JSON Schema
 * has this shape. Checked against each model's JSON Schema by the differential tests.
 *
 * @module
 */
import * as v from "valibot";
import { nonArray } from "./non-array.js";

/**
 * A batch of requests for the async queue. Most models require `requests`; a few publish
 * it as optional (`Required` false).
 */
export type AsyncBatch<Request, Required extends boolean = true> = Required extends true
  ? {
      /** The requests of the batch. */
      requests: readonly Request[];
    }
  : {
      /** The requests of the batch. */
      requests?: readonly Request[] | undefined;
    };

/**
 * The schema of an {@link AsyncBatch} of requests of the given schema. Unknown keys are
 * kept.
 */
/* @__NO_SIDE_EFFECTS__ */
export function asyncBatch<const Request extends v.GenericSchema>(
  request: Request,
  required = true,
) {
  const requests = v.array(request);
  return nonArray(v.looseObject({ requests: required ? requests : v.optional(requests) }));
}
