import "server-only";
// The upload body as it arrives, before anything is spent on it: the squashfs superblock is
// checked on the first 96 bytes (a garbage body is refused before a revision number exists) and a
// body that stops sending for the idle time is cut off (a stalled client must not hold a socket and
// a temp file for minutes).
import { Readable } from "node:stream";
import { SquashfsError } from "@/lib/snap/squashfs/errors";
import { SUPERBLOCK_SIZE, readSuperblock } from "@/lib/snap/squashfs/superblock";
import type { UploadBody } from "@/lib/storage";
import { UploadAbortedError } from "@/lib/storage";
import { refusal } from "./explain";

export const uploadIdleMsFromEnv = () => {
  const s = Number(process.env.SNAPSTORE_UPLOAD_IDLE_SECONDS);
  return (Number.isFinite(s) && s > 0 ? s : 30) * 1000;
};

/**
 * Refuses (400 not-a-snap) a head that cannot start a snap: not squashfs, another version, a
 * corrupt superblock, or one that claims more bytes than the declared length. Unknown compressions
 * are left to processing, which answers them with review advice.
 */
export async function checkSnapHead(head: Buffer, declaredSize: number | null): Promise<void> {
  const size = declaredSize ?? Number.MAX_SAFE_INTEGER;
  const source = {
    size,
    async read(position: number, length: number) {
      if (position + length > head.length) {
        // Only the superblock is read here; anything beyond means a truncated head.
        throw new SquashfsError("truncated", "the upload ends inside the squashfs superblock");
      }
      return head.subarray(position, position + length);
    },
    async close() {},
  };
  try {
    await readSuperblock(source);
  } catch (err) {
    if (err instanceof SquashfsError && err.code !== "unsupported-compression") throw refusal("not-a-snap", { detail: err.message });
    if (!(err instanceof SquashfsError)) throw err;
  }
}

/**
 * Wraps the body: the first SUPERBLOCK_SIZE bytes are checked before they are passed on, and a gap
 * of `idleMs` between chunks fails the stream with UploadAbortedError (the spooler then removes
 * its temp file).
 */
export function guardUploadBody(
  body: UploadBody,
  opts: { idleMs: number; declaredSize: number | null },
): { stream: ReadableStream<Uint8Array>; failure: () => unknown } {
  let failure: unknown = undefined;
  const web: ReadableStream<Uint8Array> =
    typeof (body as { getReader?: unknown }).getReader === "function" && typeof (body as { pipe?: unknown }).pipe !== "function"
      ? (body as ReadableStream<Uint8Array>)
      : (Readable.toWeb(body as Readable) as unknown as ReadableStream<Uint8Array>);
  const reader = web.getReader();
  let head: Buffer | null = Buffer.alloc(0);

  const readWithin = async (): Promise<ReadableStreamReadResult<Uint8Array>> => {
    let timer: NodeJS.Timeout | undefined;
    const idle = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new UploadAbortedError(`upload stalled: no data for ${Math.round(opts.idleMs / 1000)} seconds`)), opts.idleMs);
    });
    try {
      return await Promise.race([reader.read(), idle]);
    } finally {
      clearTimeout(timer);
    }
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          for (;;) {
            const { done, value } = await readWithin();
            if (done) {
              // A body shorter than a superblock: check what there is (too small / bad magic).
              if (head && head.length) await checkSnapHead(head, opts.declaredSize);
              if (head && head.length) controller.enqueue(new Uint8Array(head));
              head = null;
              controller.close();
              return;
            }
            if (head === null) {
              controller.enqueue(value);
              return;
            }
            head = Buffer.concat([head, value]);
            if (head.length < SUPERBLOCK_SIZE) continue;
            await checkSnapHead(head, opts.declaredSize);
            controller.enqueue(new Uint8Array(head));
            head = null;
            return;
          }
        } catch (err) {
          // Kept for the caller: the spooler wraps stream errors in its own.
          failure = err;
          reader.cancel(err).catch(() => {});
          controller.error(err);
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, failure: () => failure };
}
