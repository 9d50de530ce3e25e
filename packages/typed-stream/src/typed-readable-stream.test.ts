import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { TypedReadableStream } from "./typed-readable-stream.js";

/** A counting source: numbers 0..count-1, one per pull, recording pulls and cancels. */
function counter(count = Number.POSITIVE_INFINITY, highWaterMark = 0) {
  const log = { pulls: 0, cancelled: false as boolean, reason: undefined as unknown };
  const stream = new ReadableStream<number>(
    {
      pull(controller) {
        if (log.pulls >= count) controller.close();
        else controller.enqueue(log.pulls++);
      },
      cancel(reason) {
        log.cancelled = true;
        log.reason = reason;
      },
    },
    { highWaterMark },
  );
  return { stream, log };
}

describe("TypedReadableStream is a ReadableStream", () => {
  test("Response, pipeTo and pipeThrough accept it", async () => {
    const bytes = TypedReadableStream.from(["hé", "llo"]).through(new TextEncoderStream());
    expect(bytes).toBeInstanceOf(ReadableStream);
    expect(await new Response(bytes).text()).toBe("héllo");

    const seen: number[] = [];
    await TypedReadableStream.from([1, 2]).pipeTo(
      new WritableStream({ write: (n) => void seen.push(n) }),
    );
    expect(seen).toEqual([1, 2]);
  });

  test("getReader reads it like any stream", async () => {
    const reader = TypedReadableStream.from([7]).getReader();
    expect(await reader.read()).toEqual({ done: false, value: 7 });
    expect((await reader.read()).done).toBe(true);
  });
});

describe("TypedReadableStream.from", () => {
  test("takes arrays, sets, generators, async generators and streams", async () => {
    async function* asyncGen() {
      yield "a";
      yield "b";
    }
    function* gen() {
      yield 1;
      yield 2;
    }
    expect(await TypedReadableStream.from([1, 2, 3]).toArray()).toEqual([1, 2, 3]);
    expect(await TypedReadableStream.from(new Set(["x"])).toArray()).toEqual(["x"]);
    expect(await TypedReadableStream.from(gen()).toArray()).toEqual([1, 2]);
    expect(await TypedReadableStream.from(asyncGen()).toArray()).toEqual(["a", "b"]);
    expect(await TypedReadableStream.from(counter(3).stream).toArray()).toEqual([0, 1, 2]);
  });

  test("returns a TypedReadableStream as it is", () => {
    const stream = TypedReadableStream.from([1]);
    expect(TypedReadableStream.from(stream)).toBe(stream);
  });

  test("reads an iterator lazily and closes it on cancel", async () => {
    let produced = 0;
    let closed = false;
    function* numbers() {
      try {
        for (;;) yield produced++;
      } finally {
        closed = true;
      }
    }
    const stream = TypedReadableStream.from(numbers());
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    expect(produced).toBe(2);
    await reader.cancel();
    expect(closed).toBe(true);
  });

  test("an iterator that throws errors the stream", async () => {
    function* failing() {
      yield 1;
      throw new Error("boom");
    }
    await expect(TypedReadableStream.from(failing()).toArray()).rejects.toThrow("boom");
  });
});

describe("combinators", () => {
  test("map gives the index and awaits async functions in order", async () => {
    const stream = TypedReadableStream.from(["a", "b", "c"]).map(async (s, i) => {
      await new Promise((resolve) => setTimeout(resolve, (3 - i) * 3));
      return `${i}:${s}`;
    });
    expect(await stream.toArray()).toEqual(["0:a", "1:b", "2:c"]);
  });

  test("filter keeps matching values and reads on past rejected ones", async () => {
    const { stream, log } = counter(10);
    const evens = TypedReadableStream.from(stream).filter((n) => n % 2 === 0);
    const reader = evens.getReader();
    expect(await reader.read()).toEqual({ done: false, value: 0 });
    expect(await reader.read()).toEqual({ done: false, value: 2 });
    expect(log.pulls).toBe(3);
    expect(await evens.constructor).toBe(TypedReadableStream);
  });

  test("filter with a type guard narrows", async () => {
    const mixed = TypedReadableStream.from<string | number>([1, "a", 2]);
    const numbers: TypedReadableStream<number> = mixed.filter(
      (x): x is number => typeof x === "number",
    );
    expect(await numbers.toArray()).toEqual([1, 2]);
  });

  test("take stops reading and cancels the source after count values", async () => {
    const { stream, log } = counter();
    expect(await TypedReadableStream.from(stream).take(3).toArray()).toEqual([0, 1, 2]);
    expect(log.pulls).toBe(3);
    expect(log.cancelled).toBe(true);
  });

  test("take(0) and a negative count read nothing", async () => {
    for (const count of [0, -1, Number.NaN]) {
      const { stream, log } = counter();
      expect(await TypedReadableStream.from(stream).take(count).toArray()).toEqual([]);
      expect(log.pulls).toBe(0);
      expect(log.cancelled).toBe(true);
    }
  });

  test("take more than there is gives everything", async () => {
    expect(await TypedReadableStream.from([1, 2]).take(5).toArray()).toEqual([1, 2]);
  });

  test("reduce folds, and a throwing reducer cancels the source", async () => {
    expect(await TypedReadableStream.from([1, 2, 3]).reduce((sum, n) => sum + n, 0)).toBe(6);
    const { stream, log } = counter();
    const boom = new Error("boom");
    await expect(
      TypedReadableStream.from(stream).reduce((_, n) => {
        if (n === 2) throw boom;
        return n;
      }, 0),
    ).rejects.toBe(boom);
    expect(log.cancelled).toBe(true);
  });

  test("tee gives two typed branches that each see every value", async () => {
    const [a, b] = TypedReadableStream.from([1, 2, 3]).tee();
    expect(a).toBeInstanceOf(TypedReadableStream);
    expect(await Promise.all([a.map((n) => n * 2).toArray(), b.toArray()])).toEqual([
      [2, 4, 6],
      [1, 2, 3],
    ]);
  });

  test("a combinator locks its source", () => {
    const stream = TypedReadableStream.from([1]);
    stream.map((n) => n);
    expect(stream.locked).toBe(true);
    expect(() => stream.getReader()).toThrow(TypeError);
  });

  test("an error thrown by map errors the stream and cancels the source", async () => {
    const { stream, log } = counter();
    const boom = new Error("boom");
    const mapped = TypedReadableStream.from(stream).map((n) => {
      if (n === 1) throw boom;
      return n;
    });
    const reader = mapped.getReader();
    expect(await reader.read()).toEqual({ done: false, value: 0 });
    await expect(reader.read()).rejects.toBe(boom);
    expect(log.cancelled).toBe(true);
    expect(log.reason).toBe(boom);
  });

  test("a source that errors midway errors the chain after the values before it", async () => {
    const boom = new Error("source failed");
    let n = 0;
    const source = new ReadableStream<number>({
      pull(controller) {
        if (n === 2) controller.error(boom);
        else controller.enqueue(n++);
      },
    });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const value of TypedReadableStream.from(source).map((x) => x * 10))
          seen.push(value);
      })(),
    ).rejects.toBe(boom);
    expect(seen).toEqual([0, 10]);
  });

  test("every chain of combinators equals the same operations on an array", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -100, max: 100 }), { maxLength: 50 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 5 }),
        async (values, count, divisor) => {
          const expected = values
            .map((n) => n * 3)
            .filter((n) => n % divisor === 0)
            .slice(0, count);
          const actual = await TypedReadableStream.from(values)
            .map((n) => n * 3)
            .filter((n) => n % divisor === 0)
            .take(count)
            .toArray();
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("async iteration", () => {
  test("break cancels the whole chain up to the source", async () => {
    const { stream, log } = counter();
    const seen: number[] = [];
    for await (const n of TypedReadableStream.from(stream).map((x) => x + 1)) {
      seen.push(n);
      if (n === 3) break;
    }
    expect(seen).toEqual([1, 2, 3]);
    expect(log.cancelled).toBe(true);
    expect(log.pulls).toBe(3);
  });

  test("a throw inside the loop cancels the source too", async () => {
    const { stream, log } = counter();
    await expect(
      (async () => {
        for await (const n of TypedReadableStream.from(stream))
          if (n === 1) throw new Error("stop");
      })(),
    ).rejects.toThrow("stop");
    expect(log.cancelled).toBe(true);
  });

  test("values({ preventCancel: true }) only releases the lock", async () => {
    const { stream, log } = counter();
    const typed = TypedReadableStream.from(stream);
    for await (const n of typed.values({ preventCancel: true })) if (n === 1) break;
    expect(log.cancelled).toBe(false);
    expect(typed.locked).toBe(false);
    expect((await typed.getReader().read()).value).toBe(2);
  });
});

describe("flow control", () => {
  test("cancelling the consumer reaches the source with its reason", async () => {
    const { stream, log } = counter();
    const chain = TypedReadableStream.from(stream)
      .map((n) => n * 2)
      .filter(() => true)
      .take(100);
    const reader = chain.getReader();
    await reader.read();
    await reader.cancel("user left");
    expect(log.cancelled).toBe(true);
    expect(log.reason).toBe("user left");
  });

  test("a slow consumer is never read ahead of by more than the source's high-water mark", async () => {
    const highWaterMark = 4;
    const { stream, log } = counter(Number.POSITIVE_INFINITY, highWaterMark);
    const reader = TypedReadableStream.from(stream)
      .map((n) => n)
      .filter(() => true)
      .getReader();
    for (let consumed = 1; consumed <= 50; consumed++) {
      await reader.read();
      // Let any eager reading happen before looking.
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(log.pulls).toBeLessThanOrEqual(consumed + highWaterMark);
    }
    await reader.cancel();
  });
});

describe("reading in place", () => {
  test("values read directly before a for await loop are not lost", async () => {
    // One pull of decode-like streams can produce several values at once.
    const stream = TypedReadableStream.from([
      [1, 2, 3],
      [4, 5],
    ]).map((batch) => batch);
    const flat = TypedReadableStream.from(
      (async function* () {
        for await (const batch of stream) yield* batch;
      })(),
    );
    const reader = flat.getReader();
    expect((await reader.read()).value).toBe(1);
    reader.releaseLock();
    const rest: number[] = [];
    for await (const n of flat) rest.push(n);
    expect(rest).toEqual([2, 3, 4, 5]);
  });

  test("a stream read through getReader first still gives every value to for await", async () => {
    const source = TypedReadableStream.from([1, 2, 3, 4]).map((n) => n * 10);
    const reader = source.getReader();
    expect((await reader.read()).value).toBe(10);
    reader.releaseLock();
    expect(await source.toArray()).toEqual([20, 30, 40]);
  });

  test("overlapping next() calls keep the order, even with an async map", async () => {
    const delays = [30, 1, 15, 5, 0];
    const stream = TypedReadableStream.from(delays).map(async (ms, i) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return i;
    });
    const iterator = stream[Symbol.asyncIterator]();
    const results = await Promise.all(delays.map(() => iterator.next()));
    expect(results.map((r) => r.value)).toEqual([0, 1, 2, 3, 4]);
    expect((await iterator.next()).done).toBe(true);
  });

  test("an error inside a chain read in place reaches the loop and cancels the source", async () => {
    const { stream, log } = counter();
    const boom = new Error("bad value");
    const chain = TypedReadableStream.from(stream)
      .map((n) => {
        if (n === 3) throw boom;
        return n;
      })
      .filter(() => true);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const n of chain) seen.push(n);
      })(),
    ).rejects.toBe(boom);
    expect(seen).toEqual([0, 1, 2]);
    expect(log.cancelled).toBe(true);
  });
});

test("await using disposes of an iterator by cancelling the stream", async () => {
  let cancelled = false;
  const stream = TypedReadableStream.from(
    new ReadableStream<number>({
      pull: (controller) => controller.enqueue(1),
      cancel: () => {
        cancelled = true;
      },
    }),
  );
  {
    await using iterator = stream.values();
    expect((await iterator.next()).value).toBe(1);
  }
  expect(cancelled).toBe(true);
});
