import { describe, expect, test } from "vitest";
import { decodeSSE } from "./decode-sse.js";
import { byteStream, encodeText } from "./testing.js";
import { transform } from "./transform.js";
import { TypedReadableStream } from "./typed-readable-stream.js";
import type { SSEEvent } from "./types.js";

function counter() {
  const log = { pulls: 0, cancelled: false as boolean, reason: undefined as unknown };
  const stream = new ReadableStream<number>(
    {
      pull(controller) {
        controller.enqueue(log.pulls++);
      },
      cancel(reason) {
        log.cancelled = true;
        log.reason = reason;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, log };
}

describe("transform", () => {
  test("one value may give none, one or several; flush adds the last ones", async () => {
    const out = transform([1, 2, 3, 4], {
      transform(n, controller) {
        for (let i = 0; i < n % 3; i++) controller.enqueue(`${n}`);
      },
      flush(controller) {
        controller.enqueue("end");
      },
    });
    expect(await out.toArray()).toEqual(["1", "2", "2", "4", "end"]);
  });

  test("an async transform is awaited in order", async () => {
    const out = transform([30, 1, 10], {
      async transform(ms, controller) {
        await new Promise((resolve) => setTimeout(resolve, ms));
        controller.enqueue(ms);
      },
    });
    expect(await out.toArray()).toEqual([30, 1, 10]);
  });

  test("terminate ends the output and cancels the source: nothing more is read", async () => {
    const { stream, log } = counter();
    const out = transform(stream, {
      transform(n, controller) {
        controller.enqueue(n);
        if (n === 2) controller.terminate();
      },
      flush() {
        throw new Error("flush must not run after terminate");
      },
    });
    expect(await out.toArray()).toEqual([0, 1, 2]);
    expect(log.cancelled).toBe(true);
    expect(log.pulls).toBe(3);
  });

  test("terminate in flush ends the output after the values flush enqueued", async () => {
    const out = transform(TypedReadableStream.from([1, 2]), {
      transform(n, controller) {
        controller.enqueue(n);
      },
      flush(controller) {
        controller.enqueue(3);
        controller.terminate();
      },
    });
    const all = out.toArray();
    const late = new Promise((resolve) => setTimeout(() => resolve("never ended"), 200));
    expect(await Promise.race([all, late])).toEqual([1, 2, 3]);
  });

  test("values are read only as the consumer reads; cancel reaches the source", async () => {
    const { stream, log } = counter();
    const reader = transform(stream, {
      transform(n, controller) {
        if (n % 2 === 0) controller.enqueue(n);
      },
    }).getReader();
    expect((await reader.read()).value).toBe(0);
    expect((await reader.read()).value).toBe(2);
    expect(log.pulls).toBe(3);
    await reader.cancel("done");
    expect(log.reason).toBe("done");
  });

  test("a throwing transform errors the output and cancels the source", async () => {
    const { stream, log } = counter();
    const boom = new Error("bad value");
    const out = transform(stream, {
      transform(n, controller) {
        if (n === 1) throw boom;
        controller.enqueue(n);
      },
    });
    await expect(out.toArray()).rejects.toBe(boom);
    expect(log.cancelled).toBe(true);
  });

  test("the values a source read in place holds are transformed together, with no read ahead", async () => {
    const source = byteStream([
      encodeText("data: 1\n\ndata: 2\n\ndata: 3\n\n"),
      encodeText("data: 4\n\n"),
    ]);
    const seen: string[] = [];
    const out = transform(decodeSSE(source), {
      transform({ data }, controller) {
        seen.push(data);
        controller.enqueue(Number(data));
      },
    });
    const iterator = out[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toBe(1);
    // The first chunk's events were all transformed, and the second chunk was not read.
    expect(seen).toEqual(["1", "2", "3"]);
    expect(source.pulls()).toBe(1);
    expect((await iterator.next()).value).toBe(2);
    expect((await iterator.next()).value).toBe(3);
    expect(source.pulls()).toBe(1);
    expect((await iterator.next()).value).toBe(4);
    expect(seen).toEqual(["1", "2", "3", "4"]);
  });

  test("a value that throws errors the output after the values made before it", async () => {
    const boom = new Error("bad value");
    const make = () => {
      const source = byteStream([encodeText("data: 1\n\ndata: 2\n\ndata: x\n\ndata: 3\n\n")]);
      const out = transform<SSEEvent, string>(decodeSSE(source), {
        transform({ data }, controller) {
          if (data === "x") throw boom;
          controller.enqueue(data);
        },
      });
      return { source, out };
    };
    // Read in place,
    const seen: string[] = [];
    const { source, out } = make();
    await expect(
      (async () => {
        for await (const value of out) seen.push(value);
      })(),
    ).rejects.toBe(boom);
    expect(seen).toEqual(["1", "2"]);
    expect(source.cancelled()).toEqual({ reason: boom });
    // and through a reader, whose queue an error would empty, however late it reads.
    const other = make();
    const reader = other.out.getReader();
    expect((await reader.read()).value).toBe("1");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await reader.read()).value).toBe("2");
    await expect(reader.read()).rejects.toBe(boom);
    expect(other.source.cancelled()).toEqual({ reason: boom });
  });

  test("an async transform that rejects after values of the same batch keeps them", async () => {
    const boom = new Error("late");
    const reader = transform(decodeSSE(new Response("data: 1\n\ndata: 2\n\ndata: x\n\n")), {
      async transform({ data }, controller) {
        if (data === "x") throw boom;
        controller.enqueue(data);
      },
    }).getReader();
    expect((await reader.read()).value).toBe("1");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await reader.read()).value).toBe("2");
    await expect(reader.read()).rejects.toBe(boom);
  });

  test.each([
    ["for await", (out: TypedReadableStream<string>) => out.toArray()],
    [
      "getReader",
      async (out: TypedReadableStream<string>) => {
        const reader = out.getReader();
        const all: string[] = [];
        for (let next = await reader.read(); !next.done; next = await reader.read()) {
          all.push(next.value);
        }
        return all;
      },
    ],
  ])(
    "an async transform that enqueues before it awaits keeps the order, read by %s",
    async (_, read) => {
      // The first value of each goes out at once; the transform of the next value must
      // not start before this one is done, even when the source holds it already.
      const out = transform<SSEEvent, string>(
        decodeSSE(new Response("data: 1\n\ndata: 2\n\ndata: 3\n\n")),
        {
          async transform({ data }, controller) {
            controller.enqueue(`${data}a`);
            await new Promise((resolve) => setTimeout(resolve, 4 - Number(data)));
            controller.enqueue(`${data}b`);
          },
        },
      );
      expect(await read(out)).toEqual(["1a", "1b", "2a", "2b", "3a", "3b"]);
    },
  );

  test("it is a TypedReadableStream, and reads a chain in place", async () => {
    const out = transform(
      TypedReadableStream.from([1, 2]).map((n) => n * 10),
      {
        transform(n, controller) {
          controller.enqueue(n + 1);
        },
      },
    );
    expect(out).toBeInstanceOf(TypedReadableStream);
    expect(await out.map(String).toArray()).toEqual(["11", "21"]);
  });

  describe("catch, cancel and signal", () => {
    test("catch sees a failure of the source, may enqueue last values, or throw its own", async () => {
      const failing = async function* () {
        yield 1;
        throw new Error("upstream");
      };
      const recovered = transform(failing(), {
        transform(n, controller) {
          controller.enqueue(n);
        },
        catch(error, controller) {
          controller.enqueue(`recovered from ${(error as Error).message}`);
        },
      });
      expect(await recovered.toArray()).toEqual([1, "recovered from upstream"]);
      const mapped = transform(failing(), {
        transform(n, controller) {
          controller.enqueue(n);
        },
        async catch(error) {
          throw new Error(`mapped: ${(error as Error).message}`);
        },
      });
      await expect(mapped.toArray()).rejects.toThrow("mapped: upstream");
    });

    test("catch sees a throwing transform, after the values before it; not a cancel", async () => {
      const seen: unknown[] = [];
      const out = transform<number, number>([1, 2, 3], {
        transform(n, controller) {
          if (n === 3) throw new Error("three");
          controller.enqueue(n);
        },
        catch(error) {
          seen.push((error as Error).message);
          throw error;
        },
        cancel(reason) {
          seen.push(`cancel ${String(reason)}`);
        },
      });
      const values: number[] = [];
      await expect(
        (async () => {
          for await (const n of out) values.push(n);
        })(),
      ).rejects.toThrow("three");
      expect(values).toEqual([1, 2]);
      expect(seen).toEqual(["three"]);
    });

    test("cancel is called for the consumer's cancel only, before the source is cancelled", async () => {
      const { stream, log } = counter();
      const calls: string[] = [];
      const out = transform(stream, {
        transform(n, controller) {
          controller.enqueue(n);
        },
        cancel(reason) {
          calls.push(`hook ${String(reason)} (source cancelled: ${log.cancelled})`);
        },
      });
      for await (const n of out) if (n === 1) break;
      expect(calls).toEqual(["hook undefined (source cancelled: false)"]);
      expect(log.cancelled).toBe(true);

      // Not when the transform terminates, nor at the source's end.
      const ended: string[] = [];
      const terminated = transform(counter().stream, {
        transform(n, controller) {
          controller.enqueue(n);
          if (n === 1) controller.terminate();
        },
        cancel() {
          ended.push("cancel");
        },
      });
      expect(await terminated.toArray()).toEqual([0, 1]);
      const done = transform([1], {
        transform() {},
        cancel() {
          ended.push("cancel");
        },
      });
      expect(await done.toArray()).toEqual([]);
      expect(ended).toEqual([]);
    });

    test("an aborted signal cancels a stalled source and errors the output with its reason", async () => {
      let cancelled: unknown;
      const stalled = new ReadableStream<number>(
        {
          start(controller) {
            controller.enqueue(1);
          },
          cancel(reason) {
            cancelled = reason;
          },
        },
        { highWaterMark: 0 },
      );
      const controller = new AbortController();
      const caught: unknown[] = [];
      const out = transform(
        stalled,
        {
          transform(n, c) {
            c.enqueue(n);
          },
          catch(error) {
            caught.push(error);
            throw error;
          },
        },
        { signal: controller.signal },
      );
      const reader = out.getReader();
      expect(await reader.read()).toEqual({ done: false, value: 1 });
      const next = reader.read();
      const reason = new Error("timed out");
      controller.abort(reason);
      await expect(next).rejects.toBe(reason);
      expect(cancelled).toBe(reason);
      expect(caught).toEqual([reason]);
    });
  });
});
