/**
 * Take the first `n` items of an async iterable and give back an iterable of all of them.
 * `all` hands on the source's own promises once the head is given, with no generator of its own
 * in between: a million rows each paid a second await and yield here (issue 5, profiled). Ending
 * `all` early ends the source too, so a sheet's stream is closed.
 */
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
      [Symbol.asyncIterator](): AsyncIterator<T> {
        let i = 0;
        return {
          next(): Promise<IteratorResult<T>> {
            if (i < head.length) return Promise.resolve({ value: head[i++]!, done: false });
            if (done) return Promise.resolve({ value: undefined, done: true });
            return it.next();
          },
          return(): Promise<IteratorResult<T>> {
            done = true;
            return it.return ? it.return() : Promise.resolve({ value: undefined, done: true });
          },
        };
      },
    },
  };
}
