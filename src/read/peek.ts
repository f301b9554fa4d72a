/** Take the first `n` items of an async iterable and give back an iterable of all of them. */
export async function peek<T>(source: AsyncIterable<T>, n: number): Promise<{ head: T[]; all: AsyncIterable<T> }> {
  const it = source[Symbol.asyncIterator]();
  const head: T[] = [];
  let done = false;
  while (head.length < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value);
  }
  return {
    head,
    all: {
      async *[Symbol.asyncIterator]() {
        yield* head;
        if (done) return;
        for (;;) {
          const r = await it.next();
          if (r.done) return;
          yield r.value;
        }
      },
    },
  };
}
